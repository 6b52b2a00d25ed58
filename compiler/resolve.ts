// Stage 4: name resolution before any expansion: definitions, callees, arguments, variables, recursion.
import type { Argument, CallStmt, Definition, Expr, LabelText, Span, Stmt } from '../grammar/ast.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { Program } from './load_program.js';
import { layerRegistry } from './ops/registry.js';
import { shapePropertyNames } from './evaluate.js';
import { suggest } from './suggest.js';
import { arityText, functions } from './functions.js';
import { baseChain, effectiveParams, maxBaseChain } from './derived_network.js';
import { directiveOptions } from './directive_options.js';
import { calledNames } from './called_names.js';

export type DefinitionTable = Map<string, Definition>;

/** A block call a definition makes, for recursion detection. */
interface CallSite {
  callee: string;
  file: string;
  span: Span;
}

/**
 * Resolution results an incremental re-check keeps per definition object (compiler/incremental/ reuses the
 * objects an edit did not touch): the calls it found, and what it depended on outside itself — the kind and
 * signature of every name it calls. Only a definition that resolved without a report is kept.
 */
export type ResolveMemo = WeakMap<Definition, { dependencies: string; calls: CallSite[] }>;

/** What a call may be given: parameter names in order, which are required, how many may be positional. */
export interface CallSignature {
  names: string[];
  required: Set<string>;
  positional: number;
}

export function signatureOf(callee: string, defs: DefinitionTable): CallSignature | undefined {
  const op = layerRegistry.get(callee);
  if (op) {
    return { names: op.attrs.map((a) => a.name), required: new Set(op.attrs.filter((a) => a.default === undefined).map((a) => a.name)), positional: op.positional };
  }
  const def = defs.get(callee);
  if (def?.kind === 'block') {
    return { names: def.params.map((p) => p.name), required: new Set(def.params.filter((p) => !p.default).map((p) => p.name)), positional: def.params.length };
  }
  return undefined;
}

class Scope {
  private readonly names = new Set<string>();
  constructor(private readonly parent?: Scope) {}
  has(name: string): boolean {
    return this.names.has(name) || (this.parent?.has(name) ?? false);
  }
  hasOwn(name: string): boolean {
    return this.names.has(name);
  }
  add(name: string): void {
    this.names.add(name);
  }
  all(): string[] {
    return [...this.names, ...(this.parent?.all() ?? [])];
  }
  child(): Scope {
    return new Scope(this);
  }
}

/** The names a definition object calls: an incremental re-check keeps the objects an edit did not touch. */
const calledNamesOf = new WeakMap<Definition, string[]>();

class Resolver {
  /** Block -> blocks it calls, with the call's location, for recursion detection. */
  readonly calls = new Map<string, CallSite[]>();

  constructor(readonly defs: DefinitionTable, readonly bag: DiagnosticBag, private readonly memo?: ResolveMemo) {}

  /** definition(), or what it found for the same definition object when nothing it depends on changed. */
  memoizedDefinition(def: Definition): void {
    if (!this.memo || def.extends) return this.definition(def);
    let names = calledNamesOf.get(def);
    if (!names) calledNamesOf.set(def, (names = [...calledNames(def.body)].sort()));
    const dependencies = names.map((name) => `${name}=${this.dependency(name)}`).join(';');
    const known = this.memo.get(def);
    if (known && known.dependencies === dependencies) {
      this.calls.set(def.name, known.calls);
      return;
    }
    const reports = this.bag.reports;
    this.definition(def);
    if (this.bag.reports === reports) this.memo.set(def, { dependencies, calls: this.calls.get(def.name) ?? [] });
  }

  /** What resolving a call of `name` reads of the table: its kind and signature. */
  private dependency(name: string): string {
    if (layerRegistry.has(name)) return 'layer';
    const def = this.defs.get(name);
    if (!def) return 'none';
    return `${def.kind}(${def.params.map((p) => (p.default ? `${p.name}?` : p.name)).join(',')})`;
  }

  definition(def: Definition): void {
    const scope = new Scope();
    const chain = def.extends ? this.baseChain(def) : [def];
    if (!chain) return; // without its base, a derived network's names cannot be checked (and would only cascade)
    for (const { param: p, def: owner } of effectiveParams(chain)) {
      if (p.default) this.expr(p.default, scope, owner);
      if (scope.hasOwn(p.name)) this.bag.report('NET2011', { file: owner.file, span: p.span }, { name: p.name });
      scope.add(p.name);
    }
    this.calls.set(def.name, []);
    for (const s of def.body) {
      if (s.kind === 'directive' && def.kind === 'network') this.directive(s, scope, def);
      else if (def.extends && s.kind !== 'labeled' && s.kind !== 'input') {
        this.bag.report('NET2023', { file: def.file, span: s.span }, { base: def.extends.name, what: s.kind === 'call' ? `'${s.name}'` : `a ${s.kind} statement` });
      } else this.statement(s, scope, def);
    }
  }

  /** The bases of a derived network, root first; reports an unknown base, a block base or a cycle. */
  baseChain(def: Definition): Definition[] | undefined {
    const ext = def.extends!;
    const at = { file: def.file, span: ext.nameSpan };
    const base = this.defs.get(ext.name);
    // Only when reported: listing every network for each of 20,000 definitions would be quadratic.
    const networks = () => [...this.defs.values()].filter((d) => d.kind === 'network' && d !== def).map((d) => d.name);
    if (def.kind === 'block') this.bag.report('NET2020', at, { name: def.name, base: ext.name, kind: 'block', known: '' });
    else if (!base) this.bag.report('NET2020', at, { name: def.name, base: ext.name, kind: '', suggestion: suggest(ext.name, networks()) ?? '', known: networks().join(', ') });
    else if (base.kind !== 'network') this.bag.report('NET2020', at, { name: def.name, base: ext.name, kind: 'block', known: networks().join(', ') });
    else {
      const chain = baseChain(def, this.defs);
      if (chain) {
        for (const a of ext.args) if (!a.default) this.bag.report('NET4001', { file: def.file, span: a.span }, { what: `'${a.name}' in extends ${ext.name}(…)`, expected: 'a value', got: 'nothing', hint: `write ${a.name} = value` });
        const inherited = new Set(effectiveParams(chain.slice(0, -1)).map((p) => p.param.name));
        for (const a of ext.args) {
          if (!inherited.has(a.name)) this.bag.report('NET2002', { file: def.file, span: a.span }, { callee: ext.name, name: a.name, set: 1, suggestion: suggest(a.name, inherited) ?? '', known: [...inherited].join(', ') || '(none)' });
        }
        return chain;
      }
      // No chain: a cycle (reported here, at the network that closes it) or a broken base further down
      // (reported where that base's own extends clause is).
      const names: string[] = [def.name];
      let d: Definition | undefined = base;
      while (d && !names.includes(d.name) && names.length <= maxBaseChain) {
        names.push(d.name);
        d = d.extends && this.defs.get(d.extends.name);
      }
      if (names.length > maxBaseChain) this.bag.report('NET4902', at, { limit: maxBaseChain, what: 'networks in its extends chain' });
      else if (d?.name === def.name) this.bag.report('NET2021', at, { name: def.name, cycle: [...names, def.name].join(' → ') });
    }
    return undefined;
  }

  /** `freeze a, b (batchnorm: "batch")`, `train a (lr: 10, decay: 0)`, `new a`: option names and values. */
  directive(s: Stmt & { kind: 'directive' }, scope: Scope, def: Definition): void {
    const allowed = directiveOptions[s.directive];
    for (const a of s.args) {
      this.expr(a.value, scope, def);
      const known = Object.keys(allowed);
      if (!a.name || !known.includes(a.name)) {
        this.bag.report('NET2002', { file: def.file, span: a.nameSpan ?? a.span }, { callee: s.directive, name: a.name ?? '(positional)', suggestion: a.name ? (suggest(a.name, known) ?? '') : '', known: known.join(', ') || '(none)' });
      }
    }
  }

  body(stmts: Stmt[], scope: Scope, def: Definition): void {
    for (const s of stmts) this.statement(s, scope, def);
  }

  statement(s: Stmt, scope: Scope, def: Definition): void {
    const at = (span: Span) => ({ file: def.file, span });
    switch (s.kind) {
      case 'input':
        if (def.kind === 'block') this.bag.report('NET3012', at(s.span), { reason: `block '${def.name}' declares an input; only networks do` });
        this.expr(s.shape, scope, def);
        return;
      case 'let':
        this.expr(s.value, scope, def);
        if (scope.hasOwn(s.name)) this.bag.report('NET2017', at(s.nameSpan), { name: s.name });
        scope.add(s.name);
        return;
      case 'call':
        return this.call(s, scope, def);
      case 'repeat': {
        for (const e of [s.count, s.from, s.to]) if (e) this.expr(e, scope, def);
        const inner = scope.child();
        if (s.variable) inner.add(s.variable.name);
        return this.body(s.body, inner, def);
      }
      case 'if':
        this.expr(s.condition, scope, def);
        this.body(s.then, scope.child(), def);
        if (s.else) this.body(s.else, scope.child(), def);
        return;
      case 'concat':
        for (const label of s.branchLabels ?? []) if (label) this.labelParts(label, scope, def);
        for (const branch of s.branches) this.body(branch, scope.child(), def);
        return;
      case 'residual':
        this.body(s.body, scope.child(), def);
        if (s.shortcut?.condition) this.expr(s.shortcut.condition, scope, def);
        if (s.shortcut) this.body(s.shortcut.body, scope.child(), def);
        return;
      case 'scale':
      case 'group':
        return this.body(s.body, scope.child(), def);
      case 'labeled':
        this.labelParts(s, scope, def);
        return this.statement(s.statement, scope, def);
      case 'directive':
        this.bag.report('NET2024', at(s.span), { directive: s.directive, where: def.kind === 'block' ? `inside block '${def.name}'` : 'inside a nested statement' });
        return;
    }
  }

  labelParts(label: LabelText, scope: Scope, def: Definition): void {
    for (const part of label.labelParts ?? []) if (typeof part !== 'string') this.expr(part, scope, def);
  }

  call(s: CallStmt, scope: Scope, def: Definition): void {
    for (const a of s.args) this.expr(a.value, scope, def);
    const at = (span: Span) => ({ file: def.file, span });
    const target = this.defs.get(s.name);
    if (target?.kind === 'network') {
      this.bag.report('NET2016', at(s.nameSpan), { name: s.name });
      return;
    }
    const signature = signatureOf(s.name, this.defs);
    if (!signature) {
      const known = [...layerRegistry.keys(), ...[...this.defs.values()].filter((d) => d.kind === 'block').map((d) => d.name)];
      this.bag.report('NET2001', at(s.nameSpan), { name: s.name, suggestion: this.bag.full('NET2001') ? '' : (suggest(s.name, known) ?? ''), known: [...layerRegistry.keys()].join(', ') });
      return;
    }
    if (target) this.calls.get(def.name)?.push({ callee: s.name, file: def.file, span: s.nameSpan });
    checkArguments(s.name, s.args, signature, def.file, s.span, this.bag);
  }

  expr(e: Expr, scope: Scope, def: Definition): void {
    switch (e.kind) {
      case 'name':
        if (!scope.has(e.name)) this.bag.report('NET2004', { file: def.file, span: e.span }, { name: e.name, suggestion: this.bag.full('NET2004') ? '' : (suggest(e.name, scope.all()) ?? ''), usage: functions.get(e.name)?.usage ?? '' });
        return;
      case 'member':
        if (e.object.kind === 'inShape' && !shapePropertyNames.includes(e.property)) {
          this.bag.report('NET2004', { file: def.file, span: e.propertySpan }, { name: `in.${e.property}`, suggestion: (s => s && `in.${s}`)(suggest(e.property, shapePropertyNames)) ?? '' });
        }
        return this.expr(e.object, scope, def);
      case 'index':
        this.expr(e.object, scope, def);
        return this.expr(e.index, scope, def);
      case 'list':
        return e.items.forEach((item) => this.expr(item, scope, def));
      case 'unary':
        return this.expr(e.operand, scope, def);
      case 'binary':
        this.expr(e.left, scope, def);
        return this.expr(e.right, scope, def);
      case 'conditional':
        for (const part of [e.condition, e.then, e.else]) this.expr(part, scope, def);
        return;
      case 'functionCall':
        e.args.forEach((a) => this.expr(a, scope, def));
        return this.functionCall(e, def);
      default:
        return;
    }
  }

  functionCall(e: Expr & { kind: 'functionCall' }, def: Definition): void {
    const at = { file: def.file, span: e.nameSpan };
    const fn = functions.get(e.name);
    const known = [...functions.keys()].join(', ');
    if (!fn) {
      const kind = layerRegistry.has(e.name) ? 'layer' : this.defs.get(e.name)?.kind === 'block' ? 'block' : '';
      this.bag.report('NET2018', at, { name: e.name, known, kind, suggestion: kind ? '' : (suggest(e.name, functions.keys()) ?? '') });
    } else if (e.args.length < fn.minArgs || e.args.length > fn.maxArgs) {
      this.bag.report('NET2019', { file: def.file, span: e.span }, { name: e.name, arity: arityText(fn), got: e.args.length, usage: fn.usage });
    }
  }
}

/** Checks argument names, order and count against a signature (layers and blocks alike). */
export function checkArguments(callee: string, args: Argument[], sig: CallSignature, file: string, callSpan: Span, bag: DiagnosticBag): void {
  const given = new Set<string>();
  let positional = 0;
  let sawNamed = false;
  for (const a of args) {
    const at = { file, span: a.nameSpan ?? a.span };
    if (a.name === undefined) {
      if (sawNamed) {
        bag.report('NET2015', at);
        return; // which parameter it meant is unknown, so "missing argument" would only mislead
      }
      else if (positional >= sig.positional) {
        const extra = sig.names[positional];
        bag.report('NET2013', at, { callee, max: sig.positional, got: args.filter((x) => !x.name).length, example: extra ? `${extra}: …` : '…' });
      } else given.add(sig.names[positional]);
      positional++;
      continue;
    }
    sawNamed = true;
    if (!sig.names.includes(a.name)) {
      bag.report('NET2002', at, { callee, name: a.name, suggestion: bag.full('NET2002') ? '' : (suggest(a.name, sig.names) ?? ''), known: sig.names.join(', ') || '(none)' });
    } else if (given.has(a.name)) {
      bag.report('NET2012', at, { name: a.name, callee });
    } else given.add(a.name);
  }
  for (const name of sig.required) {
    if (!given.has(name)) {
      bag.report('NET2014', { file, span: callSpan }, { callee, name, example: `${callee}(${sig.names.slice(0, sig.names.indexOf(name) + 1).map((n) => (n === name ? `${n}: …` : '…')).join(', ')})` });
    }
  }
}

/** Reports each cycle in the block call graph once, at the call that closes it. */
function reportRecursion(resolver: Resolver, bag: DiagnosticBag): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const call of resolver.calls.get(name) ?? []) {
      const s = state.get(call.callee);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(call.callee)), call.callee].join(' → ');
        bag.report('NET2005', { file: call.file, span: call.span }, { name: call.callee, cycle });
      } else if (s === undefined) visit(call.callee);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of resolver.calls.keys()) if (!state.has(name)) visit(name);
}

/** Builds the definition table of a program and checks every definition's names. */
export function resolveProgram(program: Program, bag: DiagnosticBag, memo?: ResolveMemo): DefinitionTable {
  const defs: DefinitionTable = new Map();
  for (const file of program.files) {
    for (const def of file.definitions) {
      const previous = defs.get(def.name);
      if (previous) {
        bag.report('NET2003', { file: def.file, span: def.nameSpan }, { name: def.name }, [{ message: 'first defined at', file: previous.file, span: previous.nameSpan }]);
        continue;
      }
      if (layerRegistry.has(def.name)) {
        bag.report('NET2003', { file: def.file, span: def.nameSpan }, { name: def.name });
        continue;
      }
      defs.set(def.name, def);
    }
  }
  const resolver = new Resolver(defs, bag, memo);
  for (const def of defs.values()) resolver.memoizedDefinition(def);
  reportRecursion(resolver, bag);
  return defs;
}
