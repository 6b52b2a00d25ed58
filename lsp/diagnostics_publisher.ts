// publishDiagnostics, debounced: an edit storm re-checks once after `quietMs` without edits. Each round checks
// every open file (the service's cache makes the unchanged ones cheap), so a file that imports the edited one is
// republished too; a file's list is sent only when it changed. Diagnostics the check of one file places in
// another (an imported block's error) are published under that file, and marked at the import in the checked one.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { resolveImport } from '../compiler/paths.js';
import type { EditorDiagnostic } from '../compiler/services/index.js';
import { diagnostic } from './convert.js';
import type { OpenDocument, Session } from './session.js';

export class DiagnosticsPublisher {
  private timer?: ReturnType<typeof setTimeout>;
  /** What each URI last got (JSON), to send only changes and to clear files no longer reported. */
  private readonly published = new Map<string, string>();
  /** URIs edited since the last round: they are published even when unchanged (with the new version). */
  private readonly touched = new Set<string>();
  relatedInformation = true;

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly quietMs = 120,
  ) {}

  schedule(uri?: string): void {
    if (uri) this.touched.add(uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      try {
        this.publishNow();
      } catch (error) {
        this.connection.console.error(`netc lsp: publishing diagnostics failed (a bug in netc): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }, this.quietMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  publishNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lists = new Map<string, { version?: number; diagnostics: Diagnostic[]; keys: Set<string> }>();
    const listOf = (uri: string, version?: number) => {
      let list = lists.get(uri);
      if (!list) lists.set(uri, (list = { version, diagnostics: [], keys: new Set() }));
      if (version !== undefined) list.version = version;
      return list;
    };
    const documents = this.session.openDocuments();
    for (const open of documents) listOf(open.uri, open.doc.version);
    for (const open of documents) {
      for (const d of this.diagnosticsOf(open)) {
        const uri = d.file === open.path ? open.uri : this.session.uriOf(d.file);
        const p = this.session.positionsOf(d.file);
        if (!p) continue;
        const converted = this.withoutRelated(diagnostic(this.session, p, d));
        const list = listOf(uri);
        const key = JSON.stringify(converted);
        if (!list.keys.has(key)) list.keys.add(key), list.diagnostics.push(converted);
        if (d.file !== open.path) {
          const marker = this.importMarker(open, d);
          const markerKey = JSON.stringify(marker);
          const own = listOf(open.uri);
          if (!own.keys.has(markerKey)) own.keys.add(markerKey), own.diagnostics.push(marker);
        }
      }
    }
    for (const uri of this.published.keys()) if (!lists.has(uri)) lists.set(uri, { diagnostics: [], keys: new Set() });
    const isOpen = new Set(documents.map((d) => d.uri));
    for (const [uri, { version, diagnostics }] of lists) {
      const json = JSON.stringify(diagnostics);
      if (this.published.get(uri) !== json || this.touched.has(uri)) void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
      // A closed file, once cleared, is forgotten; an open one remembers its (maybe empty) list.
      if (diagnostics.length === 0 && !isOpen.has(uri)) this.published.delete(uri);
      else this.published.set(uri, json);
    }
    this.touched.clear();
  }

  private diagnosticsOf(open: OpenDocument): EditorDiagnostic[] {
    try {
      return this.session.service.diagnostics(open.path);
    } catch (error) {
      this.connection.console.error(`netc lsp: checking ${open.path} failed (a bug in netc): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return [];
    }
  }

  private withoutRelated(d: Diagnostic): Diagnostic {
    if (this.relatedInformation || !d.relatedInformation) return d;
    const { relatedInformation: _, ...rest } = d;
    return rest;
  }

  /**
   * In the checked file, where an error of an imported file shows: at the first place of its call chain in this
   * file, else at the import statement; the message starts with the error's own place, which is also related.
   */
  private importMarker(open: OpenDocument, d: EditorDiagnostic): Diagnostic {
    const here = d.related.find((r) => r.file === open.path) ?? importOf(open, d.file) ?? { from: 0, to: 0 };
    const where = this.session.positionsOf(d.file)?.positionAt(d.from);
    const line = where ? where.line + 1 : 1;
    const column = where ? where.character + 1 : 1;
    const place = where ? `${d.file}:${line}:${column}` : d.file;
    const origin = { file: d.file, from: d.from, to: d.to, line, column, message: d.message };
    return this.withoutRelated(diagnostic(this.session, open.doc, { ...d, from: here.from, to: here.to, message: `${place}: ${d.message}`, related: [origin, ...d.related] }));
  }
}

/** The `import "…"` statement of the open file that names `file` (directly; else the first import, which leads there). */
function importOf(open: OpenDocument, file: string): { from: number; to: number } | undefined {
  const text = open.doc.getText();
  const imports = [...text.matchAll(/^[ \t]*import\s+"([^"\r\n]*)"/gm)].map((m) => ({ from: m.index + m[0].indexOf('import'), to: m.index + m[0].length, path: m[1] }));
  return imports.find((i) => resolveImport(open.path, i.path) === file) ?? imports[0];
}
