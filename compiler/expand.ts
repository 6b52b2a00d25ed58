// Stage 5: expand a network — evaluate values, instantiate blocks, unroll repeats — inferring every shape as it goes.
// Expansion and shape inference are one walk because `in.channels` and friends make values depend on shapes.
// The walk's core is expand_core.ts and its structures expand_structures.ts; this file is statements and calls.
import type { CallStmt, Definition, Stmt } from '../grammar/ast.js';
import type { Ir, IrValue } from './ir.js';
import { IR_VERSION } from './ir.js';
import { type OpSpec, product } from './ops/op_spec.js';
import { layerRegistry } from './ops/registry.js';
import { type EvaluatedArg, bindArgs } from './bind_args.js';
import { Env, type Value, describeValue, formatValue } from './values.js';
import { NameScope } from './naming.js';
import { suggest } from './suggest.js';
import { type Flow, type Frame, type Label, type Loop, type Tensor, LimitReached } from './expand_core.js';
import { StructureExpander } from './expand_structures.js';
import { type DerivedNetwork, type Owned, deriveNetwork } from './derived_network.js';
import { directiveRules } from './expand_directives.js';
import { applyTrainingRules, withTotals } from './training_rules.js';
import { callKey, definitionKey } from './expand_memo.js';

export class Expander extends StructureExpander {
  /** A derived network's replacements and input (expandNetwork sets them; statement() consults them). */
  private derived?: DerivedNetwork;
  /** Replacements that found their label, and every top-level label seen (for "did you mean"). */
  private readonly replaced = new Set<string>();
  private readonly topLabels: string[] = [];

  expandNetwork(def: Definition, overrides: Record<string, Value>): Ir | undefined {
    this.derived = def.extends ? deriveNetwork(def, this.defs) : undefined;
    if (def.extends && !this.derived) return undefined; // reported by resolve
    const root = this.derived?.chain[0] ?? def;
    const frame: Frame = { def: root, env: new Env(), names: new NameScope(''), chain: [], depth: 0, loops: [] };
    const params = this.derived?.params ?? def.params.map((param) => ({ param, def }));
    const errorsBefore = this.bag.errorCount;
    const args: Record<string, IrValue> = {};
    for (const name of Object.keys(overrides)) {
      if (!params.some((p) => p.param.name === name)) {
        const known = params.map((p) => p.param.name);
        this.report({ ...frame, def }, 'NET2002', def.nameSpan, { callee: def.name, name, set: 1, suggestion: suggest(name, known) ?? '', known: known.join(', ') || '(none)' });
      }
    }
    for (const { param: p, def: owner } of params) {
      const value = overrides[p.name] ?? (p.default ? this.eval({ ...frame, def: owner }, p.default) : undefined);
      if (value === undefined) {
        if (!p.default) this.report({ ...frame, def: owner }, 'NET2014', p.span, { callee: def.name, name: p.name, example: `--set ${p.name}=…` });
        return undefined;
      }
      frame.env.define(p.name, value);
      args[p.name] = value as IrValue;
    }
    let flow: Flow;
    try {
      flow = this.body(root.body, null, frame);
    } catch (error) {
      if (error instanceof LimitReached) return undefined;
      throw error;
    }
    if (flow === null) this.needsInput(frame, flow, def.nameSpan);
    if (flow === null || flow === 'failed' || this.bag.errorCount > errorsBefore) return undefined;
    this.reportUnusedReplacements(def, frame);
    const ir = this.finish(frame, def, args, flow);
    return ir && this.bag.errorCount === errorsBefore ? this.withDirectives(ir, def, frame) : undefined;
  }

  private reportUnusedReplacements(def: Definition, frame: Frame): void {
    for (const [label, r] of this.derived?.replacements ?? []) {
      if (this.replaced.has(label)) continue;
      const base = this.derived!.chain[this.derived!.chain.indexOf(r.def) - 1].name;
      this.report({ ...frame, def: r.def }, 'NET2022', r.statement.labelSpan, { name: def.name, label, base, suggestion: suggest(label, this.topLabels) ?? '', known: this.topLabels.join(', ') });
    }
  }

  /** Replaced statements are new (never copied by --init-from); then the directives, root network first. */
  private withDirectives(ir: Ir, def: Definition, frame: Frame): Ir | undefined {
    const fresh = [...this.replaced].map((pattern) => ({ kind: 'new' as const, pattern }));
    const directives: Owned<Stmt & { kind: 'directive' }>[] = this.derived?.directives ?? def.body.filter((s): s is Stmt & { kind: 'directive' } => s.kind === 'directive').map((statement) => ({ statement, def }));
    const evaluated = directiveRules(directives, (owner, expr) => this.eval({ ...frame, def: owner }, expr), (owner, code, span, a) => this.report({ ...frame, def: owner }, code, span, a));
    if (!evaluated) return undefined;
    const { ir: result, problems } = applyTrainingRules(ir, [...fresh, ...evaluated.map((e) => e.rule)]);
    for (const p of problems) {
      const { owner, span, directive } = evaluated[p.index - fresh.length];
      this.report({ ...frame, def: owner }, 'NET2025', span, { directive, pattern: p.rule.pattern, network: def.name, suggestion: p.suggestion ?? '' });
    }
    return problems.length > 0 ? undefined : result;
  }

  protected finish(frame: Frame, def: Definition, args: Record<string, IrValue>, output: Tensor): Ir | undefined {
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
    return withTotals({
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
      frozenParams: 0,
      bufferElements,
      macs,
      activationBytes,
    });
  }

  protected statement(s: Stmt, flow: Flow, frame: Frame, label?: Label): Flow {
    this.step(frame, s.span);
    switch (s.kind) {
      case 'labeled': {
        const label = this.label(frame, s);
        if (!label) return 'failed';
        let statement = s.statement;
        if (frame.depth === 0 && frame.names.path === '' && this.derived) {
          // A derived network replaces the base's top-level labelled statement, evaluated in its own file.
          this.topLabels.push(label.label);
          const replacement = this.derived.replacements.get(label.label);
          if (replacement) {
            this.replaced.add(label.label);
            statement = replacement.statement.statement;
            frame = { ...frame, def: replacement.def };
          }
        }
        if (statement.kind === 'call' || statement.kind === 'labeled') return this.statement(statement, flow, frame, label);
        return this.inLabeledScope(statement, flow, frame, label);
      }
      case 'input': {
        const replacement = this.derived?.input;
        return replacement ? this.inputStatement(replacement.statement, flow, { ...frame, def: replacement.def }) : this.inputStatement(s, flow, frame);
      }
      case 'directive':
        return flow; // applied to the finished IR (withDirectives)
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

  protected inLabeledScope(s: Stmt, flow: Flow, frame: Frame, label: Label): Flow {
    const local = this.localName(frame, label, () => label.label);
    if (local === undefined) return 'failed';
    const names = frame.names.child(local);
    this.scopes.push({ path: names.path, kind: 'label', name: label.label, source: this.source(frame, label.span) });
    return this.statement(s, flow, { ...frame, names, env: frame.env.child() });
  }

  protected inputStatement(s: Stmt & { kind: 'input' }, flow: Flow, frame: Frame): Flow {
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

  protected evalArgs(s: CallStmt, frame: Frame): EvaluatedArg[] | undefined {
    const args = s.args.map((a) => ({ name: a.name, value: this.eval(frame, a.value), span: a.value.span }));
    return args.every((a) => a.value !== undefined) ? (args as EvaluatedArg[]) : undefined;
  }

  protected layerCall(s: CallStmt, op: OpSpec, flow: Flow, frame: Frame, label?: Label): Flow {
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

  protected blockCall(s: CallStmt, def: Definition, flow: Flow, frame: Frame, label?: Label): Flow {
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
    if (!this.memo) return this.body(def.body, flow, inner);
    return this.memoizedBody(def, flow, inner, def.params.map((p) => inner.env.lookup(p.name)!));
  }

  /** Per definition, its key in the memo's short form (definitionKey walks the blocks it calls: once per compile). */
  private readonly definitionKeys = new Map<Definition, string>();
  private readonly definitionIds = new Map<Definition, string>();

  private definitionId(def: Definition): string {
    let id = this.definitionIds.get(def);
    if (id === undefined) this.definitionIds.set(def, (id = this.memo!.definitionId(definitionKey(def, this.defs, this.bag, this.definitionKeys))));
    return id;
  }

  /** A block's body, or what the same call added in an earlier version (expand_memo.ts says when it is the same). */
  private memoizedBody(def: Definition, flow: Tensor, inner: Frame, params: Value[]): Flow {
    const path = inner.names.path;
    const key = callKey(this.definitionId(def), inner.depth, flow, params);
    const record = this.memo!.get(path, key);
    // The limits are checked as the call goes; a record that fits in what is left passed every check on the way.
    if (record && this.steps + record.steps <= this.limits.maxSteps && this.nodes.length + record.nodes.length <= this.limits.maxNodes && this.lists.used + record.listItems <= this.lists.maxItems) {
      for (const node of record.nodes) this.nodes.push(node);
      for (const scope of record.scopes) this.scopes.push(scope);
      this.steps += record.steps;
      this.lists.used += record.listItems;
      return record.out;
    }
    const before = { nodes: this.nodes.length, scopes: this.scopes.length, steps: this.steps, lists: this.lists.used, reports: this.bag.reports };
    const out = this.body(def.body, flow, inner);
    if (out !== null && out !== 'failed' && this.bag.reports === before.reports) {
      this.memo!.set(path, key, { nodes: this.nodes.slice(before.nodes), scopes: this.scopes.slice(before.scopes), steps: this.steps - before.steps, listItems: this.lists.used - before.lists, out });
    }
    return out;
  }

  protected repeat(s: Stmt & { kind: 'repeat' }, flow: Flow, frame: Frame): Flow {
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

}
