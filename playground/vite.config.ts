// Vite builds the playground into dist/playground with relative paths (any static server serves it).
// runtime/tfjs.ts re-exports the Node bundle `./tfjs_bundle.js`; in the page the same import is the browser's
// tfjs entry (runtime/tfjs_entry_browser.ts), so the runtime's modules are the CLI's, unchanged.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: [{ find: /^(.*)\/tfjs_bundle\.js$/, replacement: `${repo}runtime/tfjs_entry_browser.ts` }],
  },
  worker: { format: 'es' },
  server: { fs: { allow: [repo] } },
  build: {
    outDir: `${repo}dist/playground`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    sourcemap: true,
    // The build's own timing report is noise in npm test's output.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
