// Stage 5: expand a network — evaluate values, instantiate blocks, unroll repeats — inferring every shape as it goes.
// Expansion and shape inference are one walk because `in.channels` and friends make values depend on shapes.
import type { CallStmt, Definition, LabelText, Span, Stmt } from '../grammar/ast.js';
import type { DiagnosticCode } from './diagnostic_messages.js';
import type { DiagnosticBag, RelatedSpan } from './diagnostics.js';
import type { Limits } from './limits.js';
import type { Ir, IrNode, IrScope, IrValue, SourceRef } from './ir.js';
import { IR_VERSION } from './ir.js';
import type { DefinitionTable } from './resolve.js';
import { type Attrs, type OpSpec, type Shape, type ShapeResult, formatShape, product } from './ops/op_spec.js';
import { layerRegistry } from './ops/registry.js';
import { addShape, concatShape, scaleShape } from './ops/merge.js';
import { type EvaluatedArg, bindArgs } from './bind_args.js';
import { evaluate } from './evaluate.js';
import { Env, type Value, describeValue, formatValue } from './values.js';
import { NameScope } from './naming.js';
import { suggest } from './suggest.js';
import { type ShapeChange, type ShortcutKind, type Traced, residualMismatch } from './residual_mismatch.js';

interface Tensor {
  node: string;
  shape: Shape;
}
/** The value flowing through a body: null before the input, 'failed' after an error (so errors do not cascade). */
type Flow = Tensor | null | 'failed';

/** One enclosing `repeat` of the current body: which pass this is (from 0), and how to name its index. */
interface Loop {
  pass: number;
  count: number;
  variable?: string;
  span: Span;
}

interface Frame {
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
interface Label {
  label: string;
  span: Span;
  text: string;
}

/** Thrown only to unwind when a limit is hit; caught in expandNetwork. */
class LimitReached extends Error {}

export class Expander {
  private readonly nodes: IrNode[] = [];
  private readonly scopes: IrScope[] = [];
  private steps = 0;
  private input?: Shape;
  private missingInputReported = false;

  constructor(private readonly defs: DefinitionTable, private readonly bag: DiagnosticBag, private readonly limits: Limits) {}

  private report(frame: Frame, code: DiagnosticCode, span: Span, args: Record<string, string | number> = {}): void {
    this.bag.report(code, { file: frame.def.file, span }, args, frame.chain);
  }

  private source(frame: Frame, span: Span): SourceRef {
    return { file: frame.def.file, ...this.bag.position(frame.def.file, span.start) };
  }

  private step(frame: Frame, span: Span): void {
    if (++this.steps > this.limits.maxSteps) {
      this.report(frame, 'NET4902', span, { limit: this.limits.maxSteps, what: 'expansion steps' });
      throw new LimitReached();
    }
  }

  private eval(frame: Frame, expr: Parameters<typeof evaluate>[0], inShape = frame.inShape): Value | undefined {
    return evaluate(expr, { env: frame.env, inShape, report: (code, span, args) => this.report(frame, code, span, args) });
  }

  private needsInput(frame: Frame, flow: Flow, span: Span): flow is Tensor {
    if (flow === 'failed') return false;
    if (flow === null) {
      if (!this.missingInputReported) this.report(frame, 'NET3001', span, { name: frame.def.name });
      this.missingInputReported = true;
      return false;
    }
    return true;
  }

  private addNode(frame: Frame, node: Omit<IrNode, 'scope' | 'source' | 'family'> & { family?: string }, span: Span): Tensor {
    if (this.nodes.length >= this.limits.maxNodes) {
      this.report(frame, 'NET4902', span, { limit: this.limits.maxNodes, what: 'layers' });
      throw new LimitReached();
    }
    const family = node.family ?? layerRegistry.get(node.op)?.family ?? 'merge';
    this.nodes.push({ ...node, family, scope: frame.names.path, source: this.source(frame, span) });
    return { node: node.name, shape: node.shape };
  }

  /** A label's local name, or an automatic one; undefined (reported) on a duplicate label. */
  private localName(frame: Frame, label: Label | undefined, auto: () => string): string | undefined {
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
  private label(frame: Frame, l: LabelText): Label | undefined {
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

  private shapeFailed(frame: Frame, result: ShapeResult, span: Span, spans: Record<string, Span> = {}): result is Exclude<ShapeResult, { shape: Shape }> {
    if ('shape' in result) return false;
    this.report(frame, result.error, (result.attr && spans[result.attr]) || span, result.args);
    return true;
  }

  expandNetwork(def: Definition, overrides: Record<string, Value>): Ir | undefined {
    const frame: Frame = { def, env: new Env(), names: new NameScope(''), chain: [], depth: 0, loops: [] };
    const errorsBefore = this.bag.errorCount;
    const args: Record<string, IrValue> = {};
    for (const name of Object.keys(overrides)) {
      if (!def.params.some((p) => p.name === name)) {
        const known = def.params.map((p) => p.name);
        this.report(frame, 'NET2002', def.nameSpan, { callee: def.name, name, set: 1, suggestion: suggest(name, known) ?? '', known: known.join(', ') || '(none)' });
      }
    }
    for (const p of def.params) {
      const value = overrides[p.name] ?? (p.default ? this.eval(frame, p.default) : undefined);
      if (value === undefined) {
        if (!p.default) this.report(frame, 'NET2014', p.span, { callee: def.name, name: p.name, example: `--set ${p.name}=…` });
        return undefined;
      }
      frame.env.define(p.name, value);
      args[p.name] = value as IrValue;
    }
    let flow: Flow;
    try {
      flow = this.body(def.body, null, frame);
    } catch (error) {
      if (error instanceof LimitReached) return undefined;
      throw error;
    }
    if (flow === null) this.needsInput(frame, flow, def.nameSpan);
    if (flow === null || flow === 'failed' || this.bag.errorCount > errorsBefore) return undefined;
    return this.finish(frame, def, args, flow);
  }

  private finish(frame: Frame, def: Definition, args: Record<string, IrValue>, output: Tensor): Ir | undefined {
    let totalParams = 0;
    let trainableParams = 0;
    let bufferElements = 0;
    let macs = 0;
    let activationBytes = 0;
    for (const node of this.nodes) {
      for (const p of node.params) {
        const n = product(p.shape);
        if (p.trainable) (totalParams += n), (trainableParams += n);
        else bufferElements += n;
      }
      macs += node.macs;
      activationBytes += 4 * product(node.shape);
    }
    if (totalParams > this.limits.maxParams) {
      this.report(frame, 'NET4904', def.nameSpan, { count: totalParams.toLocaleString('en-US'), limit: this.limits.maxParams.toLocaleString('en-US') });
      return undefined;
    }
    return {
      irVersion: IR_VERSION,
      network: def.name,
      file: def.file,
      args,
      input: this.input!,
      nodes: this.nodes,
      output: output.node,
      scopes: this.scopes,
      totalParams,
      trainableParams,
      bufferElements,
      macs,
      activationBytes,
    };
  }

  private body(stmts: Stmt[], flow: Flow, frame: Frame): Flow {
    for (const s of stmts) {
      flow = this.statement(s, flow, frame);
      if (flow === 'failed') return flow;
    }
    return flow;
  }

  private statement(s: Stmt, flow: Flow, frame: Frame, label?: Label): Flow {
    this.step(frame, s.span);
    switch (s.kind) {
      case 'labeled': {
        const label = this.label(frame, s);
        if (!label) return 'failed';
        if (s.statement.kind === 'call' || s.statement.kind === 'labeled') return this.statement(s.statement, flow, frame, label);
        return this.inLabeledScope(s.statement, flow, frame, label);
      }
      case 'input':
        return this.inputStatement(s, flow, frame);
      case 'let': {
        const value = this.eval(frame, s.value);
        if (value === undefined) return 'failed';
        frame.env.define(s.name, value);
        return flow;
      }
      case 'call': {
        const op = layerRegistry.get(s.name);
        if (op) return this.layerCall(s, op, flow, frame, label);
        return this.blockCall(s, this.defs.get(s.name)!, flow, frame, label);
      }
      case 'repeat':
        return this.repeat(s, flow, frame);
      case 'if': {
        const condition = this.eval(frame, s.condition);
        if (condition === undefined) return 'failed';
        if (typeof condition !== 'boolean') {
          this.report(frame, 'NET4001', s.condition.span, { what: 'an if condition', expected: 'true or false', got: describeValue(condition) });
          return 'failed';
        }
        const branch = condition ? s.then : s.else;
        return branch ? this.body(branch, flow, { ...frame, env: frame.env.child() }) : flow;
      }
      case 'group':
        return this.body(s.body, flow, { ...frame, env: frame.env.child() });
      case 'concat':
        return this.concat(s, flow, frame);
      case 'residual':
        return this.residual(s, flow, frame);
      case 'scale':
        return this.scale(s, flow, frame);
    }
  }

  private inLabeledScope(s: Stmt, flow: Flow, frame: Frame, label: Label): Flow {
    const local = this.localName(frame, label, () => label.label);
    if (local === undefined) return 'failed';
    const names = frame.names.child(local);
    this.scopes.push({ path: names.path, kind: 'label', name: label.label, source: this.source(frame, label.span) });
    return this.statement(s, flow, { ...frame, names, env: frame.env.child() });
  }

  private inputStatement(s: Stmt & { kind: 'input' }, flow: Flow, frame: Frame): Flow {
    if (frame.def.kind === 'block') return 'failed'; // reported by resolve
    if (this.input) {
      this.report(frame, 'NET3012', s.span, { reason: `network '${frame.def.name}' declares a second input` });
      return 'failed';
    }
    const value = this.eval(frame, s.shape);
    if (value === undefined) return 'failed';
    const dims = Array.isArray(value) ? value : [];
    const reason = !Array.isArray(value)
      ? `expected a list, got ${describeValue(value)}`
      : dims.length !== 1 && dims.length !== 3
        ? `it has ${dims.length} dimensions`
        : !dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d > 0)
          ? 'every dimension must be a positive integer'
          : undefined;
    if (reason) {
      this.report(frame, 'NET3006', s.shape.span, { shape: formatValue(value), reason });
      return 'failed';
    }
    this.input = dims as number[];
    frame.inShape = this.input;
    return this.addNode(frame, { name: 'input', op: 'input', inputs: [], attrs: {}, shape: this.input, params: [], macs: 0 }, s.span);
  }

  private evalArgs(s: CallStmt, frame: Frame): EvaluatedArg[] | undefined {
    const args = s.args.map((a) => ({ name: a.name, value: this.eval(frame, a.value), span: a.value.span }));
    return args.every((a) => a.value !== undefined) ? (args as EvaluatedArg[]) : undefined;
  }

  private layerCall(s: CallStmt, op: OpSpec, flow: Flow, frame: Frame, label?: Label): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    const args = this.evalArgs(s, frame);
    const bound = args && bindArgs(op, args, (code, span, a) => this.report(frame, code, span, a));
    if (!bound) return 'failed';
    if (op.name === 'identity') return flow;
    const result = op.inferShape(flow.shape, bound.attrs);
    if (this.shapeFailed(frame, result, s.span, bound.spans)) return 'failed';
    const local = this.localName(frame, label, () => frame.names.auto(op.name));
    if (local === undefined) return 'failed';
    const name = frame.names.qualify(local);
    const params = (op.params?.(flow.shape, bound.attrs) ?? []).map(({ suffix, ...p }) => ({ name: `${name}.${suffix}`, ...p }));
    const macs = op.macs?.(flow.shape, result.shape, bound.attrs) ?? 0;
    return this.addNode(frame, { name, op: op.name, inputs: [flow.node], attrs: bound.attrs, shape: result.shape, params, macs }, s.span);
  }

  private blockCall(s: CallStmt, def: Definition, flow: Flow, frame: Frame, label?: Label): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    if (frame.depth >= this.limits.maxCallDepth) {
      this.report(frame, 'NET4902', s.span, { limit: this.limits.maxCallDepth, what: 'nested block calls' });
      throw new LimitReached();
    }
    const args = this.evalArgs(s, frame);
    if (!args) return 'failed';
    const local = this.localName(frame, label, () => frame.names.nextBlockIndex());
    if (local === undefined) return 'failed';
    const names = frame.names.child(local);
    const inner: Frame = {
      def,
      env: new Env(),
      names,
      inShape: flow.shape,
      chain: [{ message: `in block ${def.name}, called at`, file: frame.def.file, span: s.span }, ...frame.chain],
      depth: frame.depth + 1,
      loops: [],
    };
    const given = new Map(args.map((a, i) => [a.name ?? def.params[i].name, a.value]));
    for (const p of def.params) {
      // Defaults are evaluated inside the block, so they may use earlier parameters and `in`.
      const value = given.get(p.name) ?? (p.default ? this.eval(inner, p.default) : undefined);
      if (value === undefined) return 'failed';
      inner.env.define(p.name, value);
    }
    this.scopes.push({ path: names.path, kind: 'block', name: def.name, source: this.source(frame, s.span) });
    return this.body(def.body, flow, inner);
  }

  private repeat(s: Stmt & { kind: 'repeat' }, flow: Flow, frame: Frame): Flow {
    const bounds: number[] = [];
    for (const [expr, what] of s.count ? [[s.count, 'a repeat count']] as const : [[s.from!, 'a range start'], [s.to!, 'a range end']] as const) {
      const value = this.eval(frame, expr);
      if (value === undefined) return 'failed';
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        this.report(frame, typeof value === 'number' ? 'NET4005' : 'NET4001', expr.span, { what, expected: 'an integer', got: typeof value === 'number' ? String(value) : describeValue(value) });
        return 'failed';
      }
      if (s.count && value < 0) {
        this.report(frame, 'NET4002', expr.span, { what, range: 'at least 0', got: String(value) });
        return 'failed';
      }
      bounds.push(value);
    }
    const [from, to] = s.count ? [0, bounds[0]] : bounds;
    for (let i = from; i < to; i++) {
      this.step(frame, s.span);
      const env = frame.env.child();
      if (s.variable) env.define(s.variable.name, i);
      const loop: Loop = { pass: i - from, count: to - from, variable: s.variable?.name, span: s.span };
      flow = this.body(s.body, flow, { ...frame, env, loops: [...frame.loops, loop] });
      if (flow === 'failed') return flow;
    }
    return flow;
  }

  private concat(s: Stmt & { kind: 'concat' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    if (s.branches.length === 0) {
      this.report(frame, 'NET3014', s.span);
      return 'failed';
    }
    const outputs: Tensor[] = [];
    const itemNames: string[] = [];
    let failed = false;
    s.branches.forEach((branch, i) => {
      const item = this.concatItem(branch, s.branchLabels?.[i], s.branchSpans[i], i, flow, frame);
      if (!item) failed = true;
      else outputs.push(item.out), itemNames.push(item.name);
    });
    if (failed) return 'failed';
    const result = concatShape(outputs.map((o) => o.shape), itemNames);
    if ('error' in result) {
      this.report(frame, result.error, s.branchSpans[Number(result.args.odd)] ?? keyword(s.span, 'concat'), result.args);
      return 'failed';
    }
    const name = frame.names.qualify(frame.names.auto('concat'));
    return this.addNode(frame, { name, op: 'concat', inputs: outputs.map((o) => o.node), attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }

  /**
   * One concat item and the name the IR gives it (for messages): a `branch { … }` is a scope, its label or
   * `branch<n>`; a single call is named as any call (its label, `conv3`, a block index), `identity` is the input.
   */
  private concatItem(branch: Stmt[], labelText: LabelText | undefined, span: Span, i: number, flow: Tensor, frame: Frame): { out: Tensor; name: string } | undefined {
    const label = labelText && this.label(frame, labelText);
    if (labelText && !label) return undefined;
    const inner: Frame = { ...frame, env: frame.env.child(), inShape: flow.shape };
    const local = (path: string) => path.slice(frame.names.path ? frame.names.path.length + 1 : 0);
    const call = branch.length === 1 && branch[0].kind === 'call' ? branch[0] : undefined;
    if (call) {
      const scopesBefore = this.scopes.length;
      const out = this.statement(call, flow, inner, label);
      if (out === null || out === 'failed') return undefined;
      const name = label?.label ?? (call.name === 'identity' ? 'identity' : this.scopes.length > scopesBefore ? local(this.scopes[scopesBefore].path) : local(out.node));
      return { out, name };
    }
    const name = this.localName(frame, label, () => frame.names.auto('branch'));
    if (name === undefined) return undefined;
    const names = frame.names.child(name);
    this.scopes.push({ path: names.path, kind: 'branch', name: label ? label.label : `branch ${i + 1}`, source: this.source(frame, span) });
    const out = this.body(branch, flow, { ...inner, names });
    return out === null || out === 'failed' ? undefined : { out, name };
  }

  private residual(s: Stmt & { kind: 'residual' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    const body = this.tracedBody(s.body, flow, { ...frame, env: frame.env.child(), inShape: flow.shape });
    if (!body) return 'failed';
    let shortcut: Traced = { out: flow, changes: [] };
    let shortcutKind: ShortcutKind = s.shortcut ? 'skipped' : 'identity';
    if (s.shortcut) {
      const condition = s.shortcut.condition ? this.eval(frame, s.shortcut.condition, flow.shape) : true;
      if (condition === undefined) return 'failed';
      if (typeof condition !== 'boolean') {
        this.report(frame, 'NET4001', s.shortcut.condition!.span, { what: 'a shortcut condition', expected: 'true or false', got: describeValue(condition) });
        return 'failed';
      }
      if (condition) {
        const names = frame.names.child(frame.names.auto('shortcut', true));
        this.scopes.push({ path: names.path, kind: 'shortcut', name: 'shortcut', source: this.source(frame, s.shortcut.span) });
        const traced = this.tracedBody(s.shortcut.body, flow, { ...frame, names, env: frame.env.child(), inShape: flow.shape });
        if (!traced) return 'failed';
        shortcut = traced;
        shortcutKind = 'projection';
      }
    }
    const result = addShape(body.out.shape, shortcut.out.shape);
    if ('error' in result) {
      const { span, related, hint, identity } = residualMismatch(s, flow.shape, body, shortcut, shortcutKind, frame.env);
      this.bag.report('NET3003', { file: frame.def.file, span }, { ...result.args, hint, identity }, [...related.map((r) => ({ ...r, file: frame.def.file })), ...frame.chain]);
      return 'failed';
    }
    const name = frame.names.qualify(frame.names.auto('add'));
    return this.addNode(frame, { name, op: 'add', inputs: [body.out.node, shortcut.out.node], attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }

  /** Expands a body like body(), also recording which of its statements changed the shape (to point at causes). */
  private tracedBody(stmts: Stmt[], flow: Tensor, frame: Frame): Traced | undefined {
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

  private scale(s: Stmt & { kind: 'scale' }, flow: Flow, frame: Frame): Flow {
    if (!this.needsInput(frame, flow, s.span)) return 'failed';
    if (flow.shape.length !== 3) {
      this.report(frame, 'NET3009', keyword(s.span, 'scale'), { op: 'scale', shape: formatShape(flow.shape) });
      return 'failed';
    }
    const gate = this.tracedBody(s.body, flow, { ...frame, env: frame.env.child(), inShape: flow.shape });
    if (!gate) return 'failed';
    const result = scaleShape(flow.shape, gate.out.shape);
    // The caret goes to the statement that made the gate's shape, the one to change.
    if (this.shapeFailed(frame, result, gate.changes.at(-1)?.stmt.span ?? keyword(s.span, 'scale'))) return 'failed';
    const name = frame.names.qualify(frame.names.auto('scale'));
    return this.addNode(frame, { name, op: 'scale', inputs: [flow.node, gate.out.node], attrs: {}, shape: result.shape, params: [], macs: 0 }, s.span);
  }
}

/** The span of a statement's leading keyword, so carets point at `residual`, not the whole block. */
function keyword(span: Span, word: string): Span {
  return { start: span.start, end: span.start + word.length };
}
