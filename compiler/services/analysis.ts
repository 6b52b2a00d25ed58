// One file's analysis at one version: the compile (diagnostics, every network's IR), its AST, and the index
// from source places to IR nodes and block instances. Built once per version; each part only when first asked for.
import type { IToken } from 'chevrotain';
import type { Definition, FileAst } from '../../grammar/ast.js';
import { netLexer } from '../../grammar/tokens.js';
import { check, type CheckResult, type CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Ir, IrNode, IrScope } from '../ir.js';
import { product } from '../ops/op_spec.js';
import { resolveImport } from '../paths.js';
import { summarize, type Summary } from '../summary.js';
import { LineMap } from './position.js';

/** What the analyses ask of the service: other files' text and AST (imports), by path. */
export interface Workspace {
  text(path: string): string | undefined;
  ast(path: string): FileAst | undefined;
}

/** One run of a scope (a block call, a labelled statement): the totals and output of the layers inside it. */
export interface BlockRun {
  ir: Ir;
  scope: IrScope;
  shape: number[];
  params: number;
  macs: number;
}

export const learnable = (n: IrNode): number => n.params.filter((p) => p.trainable).reduce((s, p) => s + product(p.shape), 0);

/** The key of a place in a file, from the 1-based line:column IR source refs carry (exact below 2^26 columns). */
const placeKey = (line: number, column: number) => line * 2 ** 26 + column;

export class Analysis {
  private compiled?: { diagnostics: Diagnostic[]; irs: Ir[]; files: FileAst[] };
  private index?: { layers: PlaceMap<{ ir: Ir; node: IrNode }>; blocks: Map<IrScope['kind'], PlaceMap<BlockRun>> };
  private summaries = new Map<Ir, Summary>();
  private lexed?: IToken[];
  readonly lines: LineMap;

  constructor(
    readonly path: string,
    readonly text: string,
    /** The compiler's readFile: the service's open files, then the host's. */
    private readonly readFile: (path: string) => string | undefined,
    /** check() itself, or the service's incremental checker for this file (the same answers, sooner). */
    private readonly checker: (source: string, options: CompileOptions) => CheckResult = check,
  ) {
    this.lines = new LineMap(text);
  }

  get diagnostics(): Diagnostic[] {
    return this.compile().diagnostics;
  }

  /** One IR per network that checked clean, in file order. */
  get irs(): Ir[] {
    return this.compile().irs;
  }

  /** The file's own AST, from the check (the file is parsed once per version); undefined while it has syntax errors. */
  get ast(): FileAst | undefined {
    return this.compile().files.find((f) => f.file === this.path);
  }

  /** The lexer's tokens (comments and white space skipped): completion and the network list read them mid-edit. */
  get tokens(): IToken[] {
    this.lexed ??= netLexer.tokenize(this.text).tokens;
    return this.lexed;
  }

  summary(ir: Ir): Summary {
    let s = this.summaries.get(ir);
    if (!s) this.summaries.set(ir, (s = summarize(ir)));
    return s;
  }

  /** The IR nodes a layer call at `offset` (its name's start) of `file` became: one per call site. */
  layersAt(file: string, offset: number, lines: LineMap): { ir: Ir; node: IrNode }[] {
    const { line, column } = lines.position(offset);
    return this.indexed().layers.get(file, line, column) ?? [];
  }

  /** The runs of the block called at `offset` of `file` (or with `kind` 'label', of the labelled statement there). */
  blocksAt(file: string, offset: number, lines: LineMap, kind: IrScope['kind'] = 'block'): BlockRun[] {
    const { line, column } = lines.position(offset);
    return this.indexed().blocks.get(kind)?.get(file, line, column) ?? [];
  }

  private compile() {
    this.compiled ??= this.checker(this.text, { file: this.path, readFile: this.readFile });
    return this.compiled;
  }

  private indexed() {
    if (this.index) return this.index;
    const layers = new PlaceMap<{ ir: Ir; node: IrNode }>();
    const blocks = new Map<IrScope['kind'], PlaceMap<BlockRun>>();
    for (const ir of this.irs) {
      // Totals and last node of each scope's own nodes, then added into every enclosing scope: one Map lookup
      // per node (its scope string as is), the prefixes only once per scope.
      const own = new Map<string, { last: number; params: number; macs: number }>();
      const nodes = ir.nodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        if (node.op !== 'input') layers.add(node.source, { ir, node });
        if (!node.scope) continue;
        let params = 0;
        for (const p of node.params) if (p.trainable) params += product(p.shape);
        const s = own.get(node.scope);
        if (s) {
          s.last = i;
          s.params += params;
          s.macs += node.macs;
        } else own.set(node.scope, { last: i, params, macs: node.macs });
      }
      const stats = new Map<string, { last: number; params: number; macs: number }>();
      for (const [scope, s] of own) {
        for (let path = scope; ; path = path.slice(0, path.lastIndexOf('.'))) {
          const t = stats.get(path);
          if (t) {
            t.last = Math.max(t.last, s.last);
            t.params += s.params;
            t.macs += s.macs;
          } else stats.set(path, { ...s });
          if (!path.includes('.')) break;
        }
      }
      for (const scope of ir.scopes) {
        const s = stats.get(scope.path);
        if (!s) continue;
        let runs = blocks.get(scope.kind);
        if (!runs) blocks.set(scope.kind, (runs = new PlaceMap()));
        runs.add(scope.source, { ir, scope, shape: ir.nodes[s.last].shape, params: s.params, macs: s.macs });
      }
    }
    this.index = { layers, blocks };
    return this.index;
  }
}

/** Lists by source place (file, line, column), on numeric keys: the index holds one entry per IR node. */
class PlaceMap<T> {
  private readonly byFile = new Map<string, Map<number, T[]>>();

  add(at: { file: string; line: number; column: number }, item: T): void {
    let places = this.byFile.get(at.file);
    if (!places) this.byFile.set(at.file, (places = new Map()));
    const key = placeKey(at.line, at.column);
    const list = places.get(key);
    if (list) list.push(item);
    else places.set(key, [item]);
  }

  get(file: string, line: number, column: number): T[] | undefined {
    return this.byFile.get(file)?.get(placeKey(line, column));
  }
}

/** The definition `name` as seen from `path`: the file's own, else the first found through its imports. */
export function findDefinition(ws: Workspace, path: string, name: string): Definition | undefined {
  const seen = new Set<string>();
  const queue = [path];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const ast = ws.ast(file);
    if (!ast) continue;
    const def = ast.definitions.find((d) => d.name === name);
    if (def) return def;
    for (const imp of ast.imports) queue.push(resolveImport(file, imp.path));
  }
  return undefined;
}
