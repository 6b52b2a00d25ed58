// `npm run playground`: serves the built playground (dist/playground) on http://127.0.0.1:PORT/ until Ctrl-C.
// `--port N` (default 5173; 0 picks a free one).
import { existsSync } from 'node:fs';
import { serveStatic } from './static_server.js';
import { PLAYGROUND_DIR } from './build_playground.js';

const at = process.argv.indexOf('--port');
const port = at > 0 ? Number(process.argv[at + 1]) : 5173;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`netc playground: --port takes a port number 0–65535, not '${process.argv[at + 1]}'`);
  process.exit(2);
}
if (!existsSync(`${PLAYGROUND_DIR}/index.html`)) {
  console.error(`netc playground: ${PLAYGROUND_DIR} is not built; run npm run build:playground`);
  process.exit(1);
}
const server = await serveStatic(PLAYGROUND_DIR, port).catch((error: NodeJS.ErrnoException) => {
  console.error(`netc playground: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})${error.code === 'EADDRINUSE' ? '; pass --port N' : ''}`);
  process.exit(1);
});
console.log(`netc playground: ${server.url} (offline; Ctrl-C stops)`);
process.on('SIGINT', () => void server.close().then(() => process.exit(130)));
