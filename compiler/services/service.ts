// The language service: open files by path, one cached analysis per file version, and the questions editors ask.
// Pure (no Node, no tfjs): the playground runs it in a Web Worker, `netc lsp` (issue #14) in Node.
import type { FileAst } from '../../grammar/ast.js';
import { parse } from '../compile.js';
import type { Ir } from '../ir.js';
import type { Summary } from '../summary.js';
import * as T from '../../grammar/tokens.js';
import { Analysis, type Workspace } from './analysis.js';
import { completions } from './completion.js';
import { editorDiagnostics } from './editor_diagnostics.js';
import { hover, type HoverContext } from './hover.js';
import { carryHints, inlayHints } from './inlay_hints.js';
import { codeActions } from './code_actions.js';
import { documentSymbols, tokenOutline } from './document_symbols.js';
import { definition, nodeAt, references, type Universe } from './navigation.js';
import { prepareRename, rename } from './rename.js';
import { semanticTokens } from './semantic_tokens.js';
import { BoundFiles } from './bound_files.js';
import type {
  CodeActionInfo,
  CompletionList,
  DocumentSymbolInfo,
  EditorDiagnostic,
  HoverInfo,
  InlayHint,
  NodeAtInfo,
  PrepareRenameResult,
  RenameResult,
  SemanticTokenInfo,
  SourceRange,
} from './types.js';

interface OpenFile {
  text: string;
  version: number;
}

interface Cached {
  analysis: Analysis;
  version: number;
  /** The open files it read (imports) and their versions then; undefined: read from the host. */
  reads: Map<string, number | undefined>;
}

export class LanguageService {
  private readonly files = new Map<string, OpenFile>();
  private readonly cache = new Map<string, Cached>();
  /** ASTs of imported files by text: the same text is parsed once, however many files import it. */
  private readonly asts = new Map<string, { text: string; ast?: FileAst }>();
  private nextVersion = 1;
  /** Each file's last hints from a text that parsed, carried over while an edit does not. */
  private readonly goodHints = new Map<string, { text: string; hints: InlayHint[] }>();

  constructor(
    private readonly options: {
      readFile?: (path: string) => string | undefined;
      /** The files references and rename search besides the open ones (e.g. every .net of the workspace). */
      listFiles?: () => string[];
    } = {},
  ) {}

  /** Cheap: the compile happens on the next question; the same text again keeps the cached analysis. */
  setFile(path: string, text: string): void {
    if (this.files.get(path)?.text === text) return;
    this.files.set(path, { text, version: this.nextVersion++ });
  }

  removeFile(path: string): void {
    this.files.delete(path);
    this.cache.delete(path);
    this.goodHints.delete(path);
  }

  diagnostics(path: string): EditorDiagnostic[] {
    const analysis = this.analysis(path);
    return analysis ? editorDiagnostics(analysis.diagnostics, (file) => this.textOf(file)) : [];
  }

  hover(path: string, offset: number): HoverInfo | undefined {
    const ctx = this.context(path);
    return ctx && hover(ctx, offset);
  }

  completions(path: string, offset: number): CompletionList {
    const analysis = this.analysis(path);
    if (!analysis) return { from: offset, to: offset, items: [] };
    return completions(this.workspace, path, analysis.text, analysis.tokens, Math.max(0, Math.min(offset, analysis.text.length)));
  }

  inlayHints(path: string): InlayHint[] {
    const ctx = this.context(path);
    if (!ctx) return [];
    const good = this.goodHints.get(path);
    if (!ctx.own.ast) return good ? carryHints(good.text, good.hints, ctx.own.text) : [];
    if (good?.text === ctx.own.text) return good.hints;
    const hints = inlayHints(ctx);
    this.goodHints.set(path, { text: ctx.own.text, hints });
    return hints;
  }

  /** The networks the file defines, in order (read from tokens, so a file mid-edit still lists them). */
  networks(path: string): string[] {
    const tokens = this.analysis(path)?.tokens ?? [];
    return tokens.flatMap((t, i) => (t.tokenType === T.Network && tokens[i + 1]?.tokenType === T.Identifier ? [tokens[i + 1].image] : []));
  }

  /** A network's checked IR; the default is the first network, as `netc summary` and `compile()` pick. */
  ir(path: string, network?: string): Ir | undefined {
    const analysis = this.analysis(path);
    const name = network ?? this.networks(path)[0];
    return analysis?.irs.find((ir) => ir.network === name);
  }

  summary(path: string, network?: string): Summary | undefined {
    const ir = this.ir(path, network);
    return ir && this.analysis(path)!.summary(ir);
  }

  // ——— Navigation, rename, outline, semantic tokens, code actions (issue #14): thin calls into their modules. ———

  nodeAt(path: string, offset: number): NodeAtInfo | undefined {
    return nodeAt(this.universe(), path, offset);
  }

  definition(path: string, offset: number): SourceRange[] {
    return definition(this.universe(), path, offset);
  }

  references(path: string, offset: number, includeDeclaration: boolean): SourceRange[] {
    return references(this.universe(), path, offset, includeDeclaration);
  }

  prepareRename(path: string, offset: number): PrepareRenameResult | undefined {
    return prepareRename(this.universe(), path, offset);
  }

  rename(path: string, offset: number, newName: string): RenameResult {
    return rename(this.universe(), this.workspace, path, offset, newName);
  }

  documentSymbols(path: string): DocumentSymbolInfo[] {
    const text = this.files.has(path) ? this.textOf(path) : undefined;
    if (text === undefined) return [];
    const ast = this.workspace.ast(path);
    return ast ? documentSymbols(ast, text) : tokenOutline(this.analysis(path)?.tokens ?? [], text.length);
  }

  semanticTokens(path: string): SemanticTokenInfo[] {
    const text = this.files.has(path) ? this.textOf(path) : undefined;
    return text === undefined ? [] : semanticTokens(text, this.universe().occurrences(path));
  }

  /** Fixes for the diagnostics placed in `path` between from and to: its own check's and its open importers'. */
  codeActions(path: string, from: number, to: number): CodeActionInfo[] {
    const text = this.files.has(path) ? this.textOf(path) : undefined;
    if (text === undefined) return [];
    const seen = new Set<string>();
    const placed = [path, ...[...this.files.keys()].filter((p) => p !== path)].flatMap((p) => this.diagnostics(p)).filter((d) => {
      const key = `${d.file}\u0000${d.from}:${d.to}:${d.code}:${d.message}`;
      if (d.file !== path || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return codeActions(path, text, this.workspace.ast(path), placed, from, to);
  }

  /** Each file's binding (symbols.ts), kept while its text and the texts it resolved through stay the same. */
  private readonly boundFiles = new BoundFiles();

  /** The files references and rename search: the open ones, then the host's listFiles. */
  private universe(): Universe {
    return {
      files: () => {
        let listed: string[] = [];
        try {
          listed = this.options.listFiles?.() ?? [];
        } catch {
          listed = [];
        }
        return [...new Set([...this.files.keys(), ...listed])];
      },
      text: (p) => this.textOf(p),
      occurrences: (p) => this.boundFiles.occurrences(this.workspace, p),
    };
  }

  private readonly workspace: Workspace = {
    text: (path) => this.textOf(path),
    ast: (path) => {
      const text = this.textOf(path);
      if (text === undefined) return undefined;
      const open = this.files.has(path) ? this.analysis(path) : undefined;
      if (open) return open.ast;
      const known = this.asts.get(path);
      if (known?.text === text) return known.ast;
      const ast = parse(text, { file: path }).ast;
      this.asts.set(path, { text, ast });
      return ast;
    },
  };

  private textOf(path: string): string | undefined {
    const open = this.files.get(path);
    if (open) return open.text;
    try {
      return this.options.readFile?.(path);
    } catch {
      return undefined;
    }
  }

  /** The file's analysis at its current version: cached until it or an open file it imports changes. */
  private analysis(path: string): Analysis | undefined {
    const file = this.files.get(path);
    if (!file) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.version === file.version && [...cached.reads].every(([p, v]) => this.files.get(p)?.version === v)) return cached.analysis;
    const reads = new Map<string, number | undefined>();
    const readFile = (p: string) => {
      reads.set(p, this.files.get(p)?.version);
      const text = this.textOf(p);
      if (text === undefined) throw new Error(this.options.readFile ? 'no such file' : 'no such open file');
      return text;
    };
    const analysis = new Analysis(path, file.text, readFile);
    this.cache.set(path, { analysis, version: file.version, reads });
    return analysis;
  }

  /** Hover and inlay hints read shapes from the file's own networks, else from open files that import it. */
  private context(path: string): HoverContext | undefined {
    const own = this.analysis(path);
    if (!own) return undefined;
    return {
      path,
      lines: own.lines,
      ws: this.workspace,
      own,
      importers: () => [...this.files.keys()].filter((p) => p !== path && this.importsFile(p, path)).map((p) => this.analysis(p)!),
    };
  }

  /** Whether the open file `p` read `path` in its compile: asking for its diagnostics compiles it, recording its reads. */
  private importsFile(p: string, path: string): boolean {
    this.analysis(p)!.diagnostics;
    return this.cache.get(p)!.reads.has(path);
  }
}
