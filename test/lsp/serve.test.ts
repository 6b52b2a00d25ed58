// lsp/serve: the other transports editors use — Node IPC (a client that forks netc), a TCP socket and a named
// pipe (the client listens, netc connects) — each initialize, answer a hover and exit 0 after shutdown.
import test from 'ava';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  createClientPipeTransport,
  createClientSocketTransport,
  createMessageConnection,
  generateRandomPipeName,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';
import { positionOfText } from '../helpers/lsp_client.js';

const lenet = readFileSync('networks/lenet.net', 'utf8');

/** initialize, open LeNet, hover its first avgpool, shutdown, exit: the hover's text and the exit code. */
async function session(child: ChildProcess, reader: MessageReader, writer: MessageWriter): Promise<[string, number | null]> {
  const exited = once(child, 'exit');
  const connection: MessageConnection = createMessageConnection(reader, writer);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const uri = 'untitled:lenet';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'net', version: 1, text: lenet } });
  const hover = await connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOfText(lenet, 'avgpool') });
  await connection.sendRequest('shutdown', null);
  await connection.sendNotification('exit', null);
  const [code] = (await exited) as [number | null];
  connection.dispose();
  return [hover.contents.value, code];
}

/** A port nothing listens on now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const netc = (...args: string[]) => spawn(process.execPath, ['dist/cli/netc.js', 'lsp', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

test('--node-ipc: a forked netc serves over the IPC channel', async (t) => {
  const child = fork('dist/cli/netc.js', ['lsp', '--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  t.teardown(() => child.kill());
  const [hover, code] = await session(child, new IPCMessageReader(child), new IPCMessageWriter(child));
  t.regex(hover, /output \*\*\[6, 14, 14\]\*\*/);
  t.is(code, 0);
});

test('--socket PORT: netc connects to the client listening on the port', async (t) => {
  const port = await freePort();
  const transport = await createClientSocketTransport(port);
  const child = netc('--socket', String(port));
  t.teardown(() => child.kill());
  const [reader, writer] = await transport.onConnected();
  const [hover, code] = await session(child, reader, writer);
  t.regex(hover, /output \*\*\[6, 14, 14\]\*\*/);
  t.is(code, 0);
});

test('--pipe NAME: netc connects to the client listening on the pipe', async (t) => {
  const name = generateRandomPipeName();
  const transport = await createClientPipeTransport(name);
  const child = netc(`--pipe=${name}`);
  t.teardown(() => child.kill());
  const [reader, writer] = await transport.onConnected();
  const [hover, code] = await session(child, reader, writer);
  t.regex(hover, /output \*\*\[6, 14, 14\]\*\*/);
  t.is(code, 0);
});

test('--node-ipc without an IPC channel is a usage error', async (t) => {
  const child = netc('--node-ipc');
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const [code] = (await once(child, 'exit')) as [number];
  t.is(code, 2);
  t.is(stderr, 'netc: netc lsp --node-ipc needs a parent process with an IPC channel (it forks netc)\n');
});
