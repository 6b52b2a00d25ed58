// A real LSP client for the tests: spawns `node dist/cli/netc.js lsp --stdio` and speaks JSON-RPC to it over its
// stdio with vscode-jsonrpc; records every publishDiagnostics and log message; helpers to open, edit and ask.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Publish {
  uri: string;
  version?: number;
  diagnostics: { range: Range; severity?: number; code?: string | number; message: string; source?: string; relatedInformation?: { location: { uri: string; range: Range }; message: string }[] }[];
}
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Every capability the server's answers depend on, as VS Code sends them. */
export const fullCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true },
    rename: { prepareSupport: true },
  },
  workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
};

export class LspClient {
  readonly publishes: Publish[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly versions = new Map<string, number>();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin!.on('error', () => {});
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: Publish) => {
      this.publishes.push(p);
      this.wake();
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.wake();
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', () => []);
    connection.listen();
  }

  /** A server process; `initialize` it with `rootPath` as the one workspace folder. */
  static async start(options: { rootPath?: string; capabilities?: object; args?: string[]; teardown?: (f: () => void) => void } = {}): Promise<LspClient> {
    const child = spawn(process.execPath, ['dist/cli/netc.js', 'lsp', ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onError(() => {});
    const client = new LspClient(child, connection);
    options.teardown?.(() => client.kill());
    const root = options.rootPath && uriOf(options.rootPath);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: root ?? null,
      workspaceFolders: root ? [{ uri: root, name: 'test' }] : null,
      capabilities: options.capabilities ?? fullCapabilities,
    });
    client.notify('initialized', {});
    return client;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** A notification; one written after the server closed its input (a test that ends stdin) is dropped. */
  notify(method: string, params: unknown): void {
    this.connection.sendNotification(method, params).catch(() => {});
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'net', version: 1, text } });
  }

  /** A whole-text change (or `range` replaced by `text`); returns the new version. */
  change(uri: string, text: string, range?: Range): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [range ? { range, text } : { text }] });
    return version;
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The first publish for `uri` (from `after` on in the record) that `accept` takes. */
  async diagnostics(uri: string, accept: (p: Publish) => boolean = () => true, options: { after?: number; timeoutMs?: number } = {}): Promise<Publish> {
    return this.waitFor(() => this.publishes.slice(options.after ?? 0).find((p) => p.uri === uri && accept(p)), options.timeoutMs, `diagnostics for ${uri}`);
  }

  async waitFor<T>(find: () => T | undefined, timeoutMs = 20_000, what = 'a condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join('').slice(-500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** For t.teardown: the process goes, whatever the test did. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }

  /** shutdown, then exit: resolves to the process's exit code. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exitCode();
  }

  /** The exit code, killing the process after `timeoutMs`. */
  async exitCode(timeoutMs = 10_000): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill(), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export const uriOf = (path: string): string => pathToFileURL(path).href;

const roots: string[] = [];
process.on('exit', () => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A fresh folder with these files (paths relative to it; removed when the test process ends); realpath'd, as the server sees file URIs. */
export function workspace(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'netc-lsp-')));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** The offset ↔ position maths of a test's own text (0-based, UTF-16), to check ranges against. */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The position of the `nth` occurrence of `needle` in `text` (+ `delta` characters). */
export function positionOfText(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not in the text`);
  }
  return positionOf(text, at + delta);
}

/** LSP edits applied to a text (all ranges refer to the text before any of them). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  const starts = [0];
  for (const l of lines) starts.push(starts[starts.length - 1] + l.length);
  const offset = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = edits.map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}
