// `netc lsp`: the language server. Wires the protocol's lifecycle, documents and workspace to the Session and the
// request handlers (features.ts); diagnostics are pushed by the debounced publisher. No tfjs: compiler/services only.
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { semanticTokenLegend } from '../compiler/services/index.js';
import { DiagnosticsPublisher } from './diagnostics_publisher.js';
import { registerFeatures, type ClientFlags } from './features.js';
import { guardedNotification } from './guard.js';
import { Session } from './session.js';
import { uriToPath } from './uris.js';

export interface ServerOptions {
  /** Quiet time before diagnostics are re-checked after an edit. */
  debounceMs?: number;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const session = new Session((message) => connection.console.log(message));
  const publisher = new DiagnosticsPublisher(connection, session, options.debounceMs);
  let capabilities: ClientCapabilities = {};
  const client = (): ClientFlags => ({
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    hierarchicalSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params?.capabilities ?? {};
    publisher.relatedInformation = capabilities.textDocument?.publishDiagnostics?.relatedInformation !== false;
    session.files.setFolders(folderPaths(params));
    return { capabilities: serverCapabilities(), serverInfo: { name: 'netc' } };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.net' }] }).then(
        () => (session.files.watched = true),
        (error: Error) => connection.console.warn(`netc lsp: could not watch .net files: ${error.message}`),
      );
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardedNotification(connection.console, 'workspace/didChangeWorkspaceFolders', (event) => {
          const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
          const kept = session.files.folderPaths.filter((p) => !removed.has(p));
          session.files.setFolders([...kept, ...event.added.flatMap((f) => uriToPath(f.uri) ?? [])]);
        }),
      );
    }
  });

  const { documents } = session;
  documents.onDidChangeContent(
    guardedNotification(connection.console, 'textDocument/didChange', ({ document }) => {
      session.updated(document);
      publisher.schedule(document.uri);
    }),
  );
  documents.onDidClose(
    guardedNotification(connection.console, 'textDocument/didClose', ({ document }) => {
      session.closed(document);
      publisher.schedule();
    }),
  );
  connection.onDidChangeWatchedFiles(
    guardedNotification(connection.console, 'workspace/didChangeWatchedFiles', ({ changes }) => {
      for (const change of changes ?? []) {
        const path = uriToPath(change.uri);
        if (path) session.changedOnDisk(path, change.type !== FileChangeType.Changed);
      }
      publisher.schedule();
    }),
  );
  registerFeatures(connection, session, client);
  connection.onShutdown(() => publisher.dispose());
  documents.listen(connection);
  connection.listen();
}

function serverCapabilities(): InitializeResult['capabilities'] {
  return {
    positionEncoding: 'utf-16',
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: ['(', ',', '.'] },
    documentSymbolProvider: { label: 'netc' },
    semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenLegend.types], tokenModifiers: [...semanticTokenLegend.modifiers] }, full: true },
    inlayHintProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    documentFormattingProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** The folders to search for .net files: workspaceFolders, else the (deprecated) rootUri / rootPath. */
function folderPaths(params: InitializeParams): string[] {
  const folders = Array.isArray(params?.workspaceFolders) ? params.workspaceFolders.map((f) => f?.uri) : [params?.rootUri ?? undefined];
  const paths = folders.flatMap((uri) => (typeof uri === 'string' ? uriToPath(uri) ?? [] : []));
  if (paths.length === 0 && typeof params?.rootPath === 'string') paths.push(params.rootPath);
  return paths.filter((p) => p.startsWith('/') || /^[A-Za-z]:/.test(p));
}
