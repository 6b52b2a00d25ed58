// The compiler's entry points: each is a list of stage calls (parse -> load imports -> resolve -> expand).
import type { FileAst } from '../grammar/ast.js';
import { type Diagnostic, DiagnosticBag } from './diagnostics.js';
import type { Ir } from './ir.js';
import { defaultLimits, type Limits } from './limits.js';
import { loadProgram, type ParseFile, type ReadFile } from './load_program.js';
import type { CallMemo } from './expand_core.js';
import { parseFile, lexFile } from './parse_file.js';
import { tokenLimitOffset } from './token_limits.js';
import { resolveProgram, type ResolveMemo } from './resolve.js';
import { Expander } from './expand.js';
import { suggest } from './suggest.js';
import type { Value } from './values.js';

export interface CompileOptions {
  /** The source's name in diagnostics and the base for relative imports. Default `input.net`. */
  file?: string;
  /** Host callback that returns an imported file's text (undefined or throw: not found). */
  readFile?: ReadFile;
  /** Which network to compile; default the first in the file. */
  network?: string;
  /** Values for the network's parameters, e.g. `{ classes: 100 }`. */
  args?: Record<string, Value>;
  limits?: Partial<Limits>;
}

export interface CompileResult {
  /** Present when there are no errors. */
  ir?: Ir;
  diagnostics: Diagnostic[];
  /** Networks defined in the file, in order. */
  networks: string[];
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** One IR per network of the file that checked clean. */
  irs: Ir[];
  /** The parsed files, the root first (a file with syntax errors is absent): language services reuse them. */
  files: FileAst[];
}

/** The bag's diagnostics (each once, capped per code) in file order, then by place; NET4907 "and N more" last. */
function finalDiagnostics(bag: DiagnosticBag, fileOrder: string[]): Diagnostic[] {
  const rank = (file: string) => (fileOrder.indexOf(file) + 1 || fileOrder.length + 1);
  const { shown, summaries } = bag.final();
  return [...shown.sort((a, b) => rank(a.file) - rank(b.file) || a.span.start - b.span.start), ...summaries];
}

/** What an incremental re-check (compiler/incremental/) lends a compile: its parser and its memo of block calls. */
export interface CheckHooks {
  parse?: ParseFile;
  memo?: CallMemo;
  resolved?: ResolveMemo;
}

function front(source: string, options: CompileOptions, hooks: CheckHooks = {}) {
  const file = options.file ?? 'input.net';
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const sources = new Map<string, string>([[file, source]]);
  const bag = new DiagnosticBag(sources, limits.maxDiagnosticsPerCode);
  const program = loadProgram(file, source, sources, options.readFile, limits, bag, hooks.parse);
  const defs = bag.errorCount === 0 ? resolveProgram(program, bag, hooks.resolved) : new Map();
  const rootAst = program.files.find((f) => f.file === file);
  const networks = rootAst?.definitions.filter((d) => d.kind === 'network').map((d) => d.name) ?? [];
  return { file, limits, sources, bag, program, defs, networks };
}

/** Compiles one network of `source` (the first, or `options.network`) into checked IR. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const { file, limits, sources, bag, defs, networks } = front(source, options);
  let ir: Ir | undefined;
  if (bag.errorCount === 0) {
    const name = options.network ?? networks[0];
    const def = name === undefined ? undefined : defs.get(name);
    if (networks.length === 0) bag.report('NET2009', { file, span: { start: 0, end: 0 } });
    else if (!def || def.kind !== 'network') bag.report('NET2008', { file, span: { start: 0, end: 0 } }, { name: name ?? '', suggestion: suggest(name ?? '', networks) ?? '', known: networks.join(', ') });
    else ir = new Expander(defs, bag, limits).expandNetwork(def, options.args ?? {});
  }
  return { ir: bag.errorCount === 0 ? ir : undefined, diagnostics: finalDiagnostics(bag, [...sources.keys()]), networks };
}

/** Checks every network of `source` (a file of blocks only is fine too); `hooks` only make it faster. */
export function check(source: string, options: Omit<CompileOptions, 'network'> = {}, hooks: CheckHooks = {}): CheckResult {
  const { limits, sources, bag, program, defs, networks } = front(source, options, hooks);
  const irs: Ir[] = [];
  if (bag.errorCount === 0) {
    for (const name of networks) {
      const ir = new Expander(defs, bag, limits, hooks.memo).expandNetwork(defs.get(name)!, options.args ?? {});
      if (ir) irs.push(ir);
    }
  }
  return { diagnostics: finalDiagnostics(bag, [...sources.keys()]), irs, files: program.files };
}

/** Stage 2 alone: the AST of one file (no imports followed). */
export function parse(source: string, options: Pick<CompileOptions, 'file' | 'limits'> = {}): { ast?: FileAst; diagnostics: Diagnostic[] } {
  const file = options.file ?? 'input.net';
  const sources = new Map([[file, source]]);
  const limits = { ...defaultLimits, ...options.limits };
  const bag = new DiagnosticBag(sources, limits.maxDiagnosticsPerCode);
  const ast = parseFile(file, source, limits, bag);
  return { ast, diagnostics: finalDiagnostics(bag, [file]) };
}

export interface TokenInfo {
  type: string;
  image: string;
  line: number;
  column: number;
}

/** Stage 1 alone: the tokens of one file (comments and white space are skipped); none past the token limit (NET4908). */
export function tokenize(source: string, options: Pick<CompileOptions, 'file' | 'limits'> = {}): { tokens: TokenInfo[]; diagnostics: Diagnostic[] } {
  const file = options.file ?? 'input.net';
  const limits = { ...defaultLimits, ...options.limits };
  const bag = new DiagnosticBag(new Map([[file, source]]), limits.maxDiagnosticsPerCode);
  const tooMany = tokenLimitOffset(source, limits.maxTokens);
  if (tooMany >= 0) {
    bag.report('NET4908', { file, span: { start: tooMany, end: tooMany + 1 } }, { limit: limits.maxTokens });
    return { tokens: [], diagnostics: finalDiagnostics(bag, [file]) };
  }
  const { tokens } = lexFile(file, source, bag);
  return {
    tokens: tokens.map((t) => ({ type: t.tokenType.name, image: t.image, ...bag.position(file, t.startOffset) })),
    diagnostics: finalDiagnostics(bag, [file]),
  };
}
