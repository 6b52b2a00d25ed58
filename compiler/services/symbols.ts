// The binder of the language services: every name written in a file, with what it resolves to. Definitions,
// references, rename, semantic tokens and nodeAt are all questions over this one list, so they cannot disagree.
import type { Argument, Definition, Expr, FileAst, LabelText, Param, Stmt } from '../../grammar/ast.js';
import { functions } from '../functions.js';
import { layerRegistry } from '../ops/registry.js';
import { resolveImport } from '../paths.js';
import { type Workspace, findDefinition } from './analysis.js';
import { definitionKey, fileKey, type Occurrence, parameterKey, sep } from './occurrences.js';

/** A lexical environment: names bound by parameters, lets and repeat variables, innermost scope last. */
type Env = Map<string, { key: string; kind: 'parameter' | 'let' }>[];

const lookup = (env: Env, name: string) => {
  for (let i = env.length - 1; i >= 0; i--) {
    const found = env[i].get(name);
    if (found) return found;
  }
  return undefined;
};

/** Every name of `ast` (the file `path`), in source order. `ws` resolves imported blocks, networks and bases. */
export function bindFile(ws: Workspace, path: string, ast: FileAst, text: string): Occurrence[] {
  return new Binder(ws, path, text).file(ast);
}

class Binder {
  private readonly out: Occurrence[] = [];
  private readonly found = new Map<string, Definition | undefined>();
  private def!: Definition;

  constructor(
    private readonly ws: Workspace,
    private readonly path: string,
    private readonly text: string,
  ) {}

  file(ast: FileAst): Occurrence[] {
    for (const imp of ast.imports) {
      // The string's own span, quotes included (the first string after `import`).
      const at = this.text.indexOf('"', imp.span.start);
      const end = at < 0 ? imp.span.end : this.text.indexOf('"', at + 1) + 1;
      const resolved = resolveImport(this.path, imp.path);
      this.add({ from: at < 0 ? imp.span.start : at, to: end > 0 ? end : imp.span.end, name: imp.path, kind: 'import', key: fileKey(resolved), declaration: false });
    }
    for (const def of ast.definitions) this.definition(def);
    return this.out.sort((a, b) => a.from - b.from);
  }

  private add(o: Occurrence): void {
    o.inside ??= this.def;
    this.out.push(o);
  }

  private resolve(name: string): Definition | undefined {
    if (!this.found.has(name)) this.found.set(name, findDefinition(this.ws, this.path, name));
    return this.found.get(name);
  }

  private definition(def: Definition): void {
    this.def = def;
    this.add({ from: def.nameSpan.start, to: def.nameSpan.end, name: def.name, kind: def.kind, key: definitionKey(def.file, def.name), declaration: true });
    const own = new Map<string, { key: string; kind: 'parameter' | 'let' }>();
    const env: Env = [];
    // A derived network also sees its bases' parameters (they stay its parameters), bound after its own.
    const chain = this.baseChain(def);
    for (const base of chain.slice(1).reverse()) env.push(new Map(base.params.map((p) => [p.name, { key: parameterKey(base, p.name), kind: 'parameter' as const }])));
    env.push(own);
    this.params(def, def.params, env, own);
    if (def.extends) {
      const base = this.resolve(def.extends.name);
      this.add({ from: def.extends.nameSpan.start, to: def.extends.nameSpan.end, name: def.extends.name, kind: 'network', key: base ? definitionKey(base.file, base.name) : undefined, declaration: false, callee: base });
      for (const p of def.extends.args) {
        const owner = chain.slice(1).find((d) => d.params.some((q) => q.name === p.name));
        this.add({ from: p.span.start, to: p.span.end, name: p.name, kind: 'argument', key: owner ? parameterKey(owner, p.name) : undefined, declaration: false, callee: owner });
        if (p.default) this.expr(p.default, env);
      }
    }
    this.body(def.body, [...env, new Map()], 0);
  }

  /** Parameters bind in order: a default sees the parameters before it. */
  private params(def: Definition, params: Param[], env: Env, own: Env[number]): void {
    for (const p of params) {
      if (p.default) this.expr(p.default, env);
      const key = parameterKey(def, p.name);
      own.set(p.name, { key, kind: 'parameter' });
      this.add({ from: p.span.start, to: p.span.end, name: p.name, kind: 'parameter', key, declaration: true });
    }
  }

  /** `def`, its base, the base's base …, stopping at a cycle or a name that is not a network. */
  private baseChain(def: Definition): Definition[] {
    const chain = [def];
    for (let d = def; d.extends; ) {
      const base = findDefinition(this.ws, d.file, d.extends.name);
      if (!base || base.kind !== 'network' || chain.includes(base)) break;
      chain.push(base);
      d = base;
    }
    return chain;
  }

  /**
   * The key of a network's top-level label: a derived network's `head:` replaces its base's, and `freeze stem`
   * names the base's, so both mean the label of the most basic network in the chain that has it.
   */
  private topLabelKey(def: Definition, label: string): { key: string; own: boolean } {
    const chain = this.baseChain(def);
    const owner = [...chain].reverse().find((d) => d.body.some((s) => s.kind === 'labeled' && s.label === label)) ?? def;
    return { key: `label${sep}${owner.file}${sep}${owner.name}${sep}${label}`, own: owner === def };
  }

  private body(stmts: Stmt[], env: Env, depth: number): void {
    for (const s of stmts) this.statement(s, env, depth);
  }

  private statement(s: Stmt, env: Env, depth: number): void {
    const scoped = (body: Stmt[], bindings = new Map<string, { key: string; kind: 'parameter' | 'let' }>()) => this.body(body, [...env, bindings], depth + 1);
    switch (s.kind) {
      case 'input':
        this.expr(s.shape, env);
        break;
      case 'let': {
        this.expr(s.value, env);
        const key = `let${sep}${this.path}${sep}${s.nameSpan.start}`;
        env[env.length - 1].set(s.name, { key, kind: 'let' });
        this.add({ from: s.nameSpan.start, to: s.nameSpan.end, name: s.name, kind: 'let', key, declaration: true });
        break;
      }
      case 'call':
        this.call(s, env);
        break;
      case 'repeat': {
        for (const e of [s.count, s.from, s.to]) if (e) this.expr(e, env);
        const bindings = new Map<string, { key: string; kind: 'parameter' | 'let' }>();
        if (s.variable) {
          const key = `let${sep}${this.path}${sep}${s.variable.span.start}`;
          bindings.set(s.variable.name, { key, kind: 'let' });
          this.add({ from: s.variable.span.start, to: s.variable.span.end, name: s.variable.name, kind: 'let', key, declaration: true });
        }
        scoped(s.body, bindings);
        break;
      }
      case 'if':
        this.expr(s.condition, env);
        scoped(s.then);
        if (s.else) scoped(s.else);
        break;
      case 'concat':
        s.branches.forEach((branch, i) => {
          const label = s.branchLabels[i];
          if (label) this.label(label, env, false);
          scoped(branch);
        });
        break;
      case 'residual':
        scoped(s.body);
        if (s.shortcut) {
          if (s.shortcut.condition) this.expr(s.shortcut.condition, env);
          scoped(s.shortcut.body);
        }
        break;
      case 'scale':
      case 'group':
        scoped(s.body);
        break;
      case 'labeled':
        this.label(s, env, depth === 0);
        this.statement(s.statement, env, depth);
        break;
      case 'directive':
        this.add({ from: s.span.start, to: s.span.start + s.directive.length, name: s.directive, kind: 'directive', declaration: false });
        for (const target of s.targets) this.scopePath(target.path, target.span.start);
        this.args(s.args, env, (name) => `option${sep}${s.directive}${sep}${name}`);
        break;
      default:
        break;
    }
  }

  /** A label: a plain one has a key (top-level ones shared along `extends`); a template's words have none. */
  private label(l: LabelText, env: Env, topLevel: boolean): void {
    if (!l.labelParts) {
      // A derived network's `head:` replaces its base's: a reference to that label, not a new one.
      const { key, own } = topLevel && this.def.kind === 'network' ? this.topLabelKey(this.def, l.label) : { key: `label${sep}${this.path}${sep}${l.labelSpan.start}`, own: true };
      this.add({ from: l.labelSpan.start, to: l.labelSpan.start + l.label.length, name: l.label, kind: 'label', key, declaration: own });
      return;
    }
    let at = l.labelSpan.start;
    for (const part of l.labelParts) {
      if (typeof part === 'string') {
        const from = this.text.indexOf(part, at);
        if (from < 0) continue;
        this.add({ from, to: from + part.length, name: part, kind: 'label', declaration: true });
        at = from + part.length;
      } else {
        this.expr(part, env);
        at = part.span.end;
      }
    }
  }

  /** `stage2.0`, `stem`, `*.conv1`: the first segment names a top-level label of the network; the rest have no key. */
  private scopePath(path: string, start: number): void {
    let at = start;
    path.split('.').forEach((segment, i) => {
      const from = this.text.indexOf(segment, at);
      if (from < 0) return;
      const words = /^[A-Za-z_]\w*$/.test(segment);
      const key = i === 0 && words && this.def.kind === 'network' ? this.topLabelKey(this.def, segment).key : undefined;
      if (words || /^\d+$/.test(segment)) this.add({ from, to: from + segment.length, name: segment, kind: 'label', key, declaration: false });
      at = from + segment.length;
    });
  }

  private call(s: Extract<Stmt, { kind: 'call' }>, env: Env): void {
    const op = layerRegistry.get(s.name);
    const target = op ? undefined : this.resolve(s.name);
    const key = op ? `layer${sep}${s.name}` : target ? definitionKey(target.file, target.name) : undefined;
    this.add({ from: s.nameSpan.start, to: s.nameSpan.end, name: s.name, kind: op ? 'layer' : (target?.kind ?? 'block'), key, declaration: false, callee: target });
    this.args(s.args, env, (name) => (op ? `attr${sep}${s.name}${sep}${name}` : target?.params.some((p) => p.name === name) ? parameterKey(target, name) : undefined), target);
  }

  private args(args: Argument[], env: Env, keyOf: (name: string) => string | undefined, callee?: Definition): void {
    for (const a of args) {
      if (a.name && a.nameSpan) this.add({ from: a.nameSpan.start, to: a.nameSpan.end, name: a.name, kind: 'argument', key: keyOf(a.name), declaration: false, callee });
      this.expr(a.value, env);
    }
  }

  private expr(e: Expr, env: Env): void {
    switch (e.kind) {
      case 'name': {
        const bound = lookup(env, e.name);
        this.add({ from: e.span.start, to: e.span.end, name: e.name, kind: bound?.kind ?? 'let', key: bound?.key, declaration: false });
        break;
      }
      case 'member':
        this.expr(e.object, env);
        this.add({ from: e.propertySpan.start, to: e.propertySpan.end, name: e.property, kind: 'field', key: e.object.kind === 'inShape' ? `field${sep}${e.property}` : undefined, declaration: false });
        break;
      case 'index':
        this.expr(e.object, env);
        this.expr(e.index, env);
        break;
      case 'list':
        for (const item of e.items) this.expr(item, env);
        break;
      case 'unary':
        this.expr(e.operand, env);
        break;
      case 'binary':
        this.expr(e.left, env);
        this.expr(e.right, env);
        break;
      case 'functionCall':
        this.add({ from: e.nameSpan.start, to: e.nameSpan.end, name: e.name, kind: 'function', key: functions.has(e.name) ? `function${sep}${e.name}` : undefined, declaration: false });
        for (const a of e.args) this.expr(a, env);
        break;
      case 'conditional':
        this.expr(e.condition, env);
        this.expr(e.then, env);
        this.expr(e.else, env);
        break;
      default:
        break;
    }
  }
}
