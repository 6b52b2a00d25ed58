// Stage 5, the core of expansion: frames, the diagnostics and nodes it emits, labels and names, bodies.
// expand_structures.ts (concat, residual, scale) and expand.ts (statements, calls, repeat) build on this class;
// the split is by concern, so each file stays readable; the walk is one recursive descent across them.
import type { Definition, LabelText, Span, Stmt } from '../grammar/ast.js';
import type { DiagnosticCode } from './diagnostic_messages.js';
import type { DiagnosticBag, RelatedSpan } from './diagnostics.js';
import type { Limits } from './limits.js';
import type { IrNode, IrScope, SourceRef } from './ir.js';
import type { DefinitionTable } from './resolve.js';
import { type Shape, type ShapeResult, formatShape } from './ops/op_spec.js';
import { layerRegistry } from './ops/registry.js';
import { evaluate, listBudget, type ListBudget } from './evaluate.js';
import { type Env, type Value, describeValue } from './values.js';
import type { NameScope } from './naming.js';
import type { Traced, ShapeChange } from './residual_mismatch.js';
import type { CallMemo } from './expand_memo.js';

export type { CallMemo } from './expand_memo.js';

export interface Tensor {
  node: string;
  shape: Shape;
}
/** The value flowing through a body: null before the input, 'failed' after an error (so errors do not cascade). */
export type Flow = Tensor | null | 'failed';

/** One enclosing `repeat` of the current body: which pass this is (from 0), and how to name its index. */
export interface Loop {
  pass: number;
  count: number;
  variable?: string;
  span: Span;
}

export interface Frame {
  def: Definition;
  env: Env;
  names: NameScope;
  inShape?: Shape;
  chain: RelatedSpan[];
  depth: number;
  /** Enclosing repeats within this definition's body, outermost first. */
  loops: Loop[];
}

/** A label with its templates filled in (`layer{i}` on pass i = 2: `layer2`); `text` is as written. */
export interface Label {
  label: string;
  span: Span;
  text: string;
}

/** Thrown only to unwind when a limit is hit; caught in expandNetwork. */
export class LimitReached extends Error {}

export abstract class ExpanderCore {
  protected readonly nodes: IrNode[] = [];
  protected readonly scopes: IrScope[] = [];
  protected steps = 0;
  protected input?: Shape;
  private missingInputReported = false;

  /** Every list this expansion evaluates is charged here (limits.maxListLength, maxValueItems). */
  protected readonly lists: ListBudget;

  constructor(
    protected readonly defs: DefinitionTable,
    protected readonly bag: DiagnosticBag,
    protected readonly limits: Limits,
    /** Block calls of an earlier version (incremental re-checks): reused where everything they depend on is the same. */
    protected readonly memo?: CallMemo,
  ) {
    this.lists = listBudget(limits.maxListLength, limits.maxValueItems);
  }

  /** One statement: the dispatch lives in expand.ts, which knows every kind. */
  protected abstract statement(s: Stmt, flow: Flow, frame: Frame, label?: Label): Flow;

  protected report(frame: Frame, code: DiagnosticCode, span: Span, args: Record<string, string | number> = {}): void {
    this.bag.report(code, { file: frame.def.file, span }, args, frame.chain);
  }

  protected source(frame: Frame, span: Span): SourceRef {
    return { file: frame.def.file, ...this.bag.position(frame.def.file, span.start) };
  }

  protected step(frame: Frame, span: Span): void {
    if (++this.steps > this.limits.maxSteps) {
      this.report(frame, 'NET4902', span, { limit: this.limits.maxSteps, what: 'expansion steps' });
      throw new LimitReached();
    }
  }

  protected eval(frame: Frame, expr: Parameters<typeof evaluate>[0], inShape = frame.inShape): Value | undefined {
    // A literal is its value (evaluate's first case), without the context object: most arguments are literals.
    if (expr.kind === 'number' || expr.kind === 'bool' || expr.kind === 'string') return expr.value;
    return evaluate(expr, { env: frame.env, inShape, lists: this.lists, report: (code, span, args) => this.report(frame, code, span, args) });
  }

  protected needsInput(frame: Frame, flow: Flow, span: Span): flow is Tensor {
    if (flow === 'failed') return false;
    if (flow === null) {
      if (!this.missingInputReported) this.report(frame, 'NET3001', span, { name: frame.def.name });
      this.missingInputReported = true;
      return false;
    }
    return true;
  }

  protected addNode(frame: Frame, node: Omit<IrNode, 'scope' | 'source' | 'family'> & { family?: string }, span: Span): Tensor {
    if (this.nodes.length >= this.limits.maxNodes) {
      this.report(frame, 'NET4902', span, { limit: this.limits.maxNodes, what: 'layers' });
      throw new LimitReached();
    }
    const family = node.family ?? layerRegistry.get(node.op)?.family ?? 'merge';
    // One literal, fields in the order a spread gave them: every node has one hidden class, so the loops over
    // nodes (totals, training rules, the services' index) stay fast.
    const { name, op, inputs, attrs, shape, params, macs } = node;
    this.nodes.push({ name, op, inputs, attrs, shape, params, macs, family, scope: frame.names.path, source: this.source(frame, span) });
    return { node: node.name, shape: node.shape };
  }

  /** A label's local name, or an automatic one; undefined (reported) on a duplicate label. */
  protected localName(frame: Frame, label: Label | undefined, auto: () => string): string | undefined {
    if (!label) return auto();
    const passes = frame.loops.map((l) => l.pass);
    if (frame.names.claim(label.label, { file: frame.def.file, span: label.span, passes })) return label.label;
    const first = frame.names.firstUse(label.label);
    const sameLabel = first && first.file === frame.def.file && first.span.start === label.span.start;
    const loop = sameLabel ? frame.loops[first.passes.findIndex((p, i) => p !== passes[i])] : undefined;
    if (loop) {
      // The same label met again on a later pass of a repeat: the fix is to put the loop's index in it.
      const fix = loop.variable
        ? `${label.text}${label.text.includes('{') ? '_' : ''}{${loop.variable}}`
        : `repeat i in 0..${loop.count} { ${label.text}{i}: … }`;
      const related = [{ message: 'repeated by the loop at', file: frame.def.file, span: keyword(loop.span, 'repeat') }, ...frame.chain];
      this.bag.report('NET2010', { file: frame.def.file, span: label.span }, { name: label.label, pass: loop.pass + 1, fix }, related);
      return undefined;
    }
    const related = first ? [{ message: 'first used at', file: first.file, span: first.span }, ...frame.chain] : frame.chain;
    this.bag.report('NET2010', { file: frame.def.file, span: label.span }, { name: label.label }, related);
    return undefined;
  }

  /** Fills in a label template: each `{ expression }` must be a non-negative integer (`layer{i}` -> `layer1`). */
  protected label(frame: Frame, l: LabelText): Label | undefined {
    if (!l.labelParts) return { label: l.label, span: l.labelSpan, text: l.label };
    let text = '';
    for (const part of l.labelParts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = this.eval(frame, part);
      if (value === undefined) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        const [code, args] = typeof value !== 'number'
          ? (['NET4001', { what: 'a label index', expected: 'an integer', got: describeValue(value) }] as const)
          : !Number.isInteger(value)
            ? (['NET4005', { what: 'a label index', got: String(value) }] as const)
            : (['NET4002', { what: 'a label index', range: 'at least 0', got: String(value) }] as const);
        this.report(frame, code, part.span, args);
        return undefined;
      }
      text += String(value);
    }
    return { label: text, span: l.labelSpan, text: l.label };
  }

  protected shapeFailed(frame: Frame, result: ShapeResult, span: Span, spans: Record<string, Span> = {}): result is Exclude<ShapeResult, { shape: Shape }> {
    if ('shape' in result) return false;
    this.report(frame, result.error, (result.attr && spans[result.attr]) || span, result.args);
    return true;
  }

  protected body(stmts: Stmt[], flow: Flow, frame: Frame): Flow {
    for (const s of stmts) {
      flow = this.statement(s, flow, frame);
      if (flow === 'failed') return flow;
    }
    return flow;
  }

  protected tracedBody(stmts: Stmt[], flow: Tensor, frame: Frame): Traced | undefined {
    const changes: ShapeChange[] = [];
    let current: Tensor = flow;
    for (const s of stmts) {
      const next = this.statement(s, current, frame);
      if (next === null || next === 'failed') return undefined;
      if (formatShape(next.shape) !== formatShape(current.shape)) changes.push({ stmt: s, before: current.shape, after: next.shape });
      current = next;
    }
    return { out: current, changes };
  }

}

/** The span of a statement's leading keyword, so carets point at `residual`, not the whole block. */
export function keyword(span: Span, word: string): Span {
  return { start: span.start, end: span.start + word.length };
}
