// Starts the server on a transport: stdio (what editors pass --stdio for), Node IPC, a socket or a named pipe.
// The connection ends the process itself: exit code 0 after shutdown, 1 without (the protocol's rule), also when
// the client's stream closes or the client process (--clientProcessId) dies.
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  type Connection,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.js';

export type Transport = { kind: 'stdio' } | { kind: 'node-ipc' } | { kind: 'socket'; port: number } | { kind: 'pipe'; name: string };

export function serve(transport: Transport, options: ServerOptions = {}): Connection {
  const connection = open(transport);
  // stdout is the protocol: whatever prints goes to the client's log instead.
  console.log = console.info = console.debug = (...a: unknown[]) => connection.console.log(format(...a));
  console.warn = (...a: unknown[]) => connection.console.warn(format(...a));
  console.error = (...a: unknown[]) => connection.console.error(format(...a));
  // A bug outside any request (a timer, a stream) is logged; the editor keeps its server and its other answers.
  process.on('uncaughtException', (error) => connection.console.error(`netc lsp: internal error (a bug in netc): ${error.stack ?? error.message}`));
  startServer(connection, options);
  return connection;
}

function open(transport: Transport): Connection {
  switch (transport.kind) {
    case 'stdio':
      // Streams (not readers), so the library ends the process when stdin closes.
      return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    case 'node-ipc':
      return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
    case 'socket':
      return createConnection(ProposedFeatures.all, ...createServerSocketTransport(transport.port));
    case 'pipe':
      return createConnection(ProposedFeatures.all, ...createServerPipeTransport(transport.name));
  }
}
