// The VS Code extension: a thin client that starts netc's language server (`netc lsp --stdio`, found by
// server_path.ts) for .net files. Highlighting, brackets and indentation come from the manifest's grammar and
// language configuration; everything else (diagnostics, hover, inlay shapes, completion, rename, formatting…)
// comes from the server.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { resolveServer, type ServerCommand, type ServerResolution } from './server_path';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The server this window would start now, from the settings and the open workspace folders. */
export function findServer(): ServerResolution {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return resolveServer({
    configured: vscode.workspace.getConfiguration('netc').get<string>('server.path'),
    folders,
    pathEnv: process.env.PATH,
    platform: process.platform,
    home: homedir(),
    isFile,
    readText,
  });
}

export function serverOptions(server: ServerCommand): ServerOptions {
  // No `transport`: the client would append its own `--stdio`; LSP_ARGS already hold it.
  return { command: server.command, args: server.args, options: { shell: server.shell } };
}

const clientOptions = (): LanguageClientOptions => ({
  documentSelector: [
    { scheme: 'file', language: 'netc' },
    { scheme: 'untitled', language: 'netc' },
  ],
  // No synchronize.fileEvents: the server registers its own **/*.net watcher (dynamic registration), and a
  // second one here would send every change twice.
  outputChannel: output,
});

async function showError(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'netc.server.path');
}

async function start(): Promise<void> {
  const server = findServer();
  if ('error' in server) {
    output?.error(server.error);
    void showError(server.error);
    return;
  }
  output?.info(`Starting ${[server.command, ...server.args].join(' ')} (from ${server.source})`);
  try {
    client = new LanguageClient('netc', 'netc Language Server', serverOptions(server), clientOptions());
    await client.start();
  } catch (error) {
    client = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    void showError(`netc's language server did not start (${[server.command, ...server.args].join(' ')}): ${reason}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('netc Language Server', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('netc.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('netc.server.path')) return;
      await stop();
      await start();
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
