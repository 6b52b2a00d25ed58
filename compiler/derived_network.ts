// Derived networks — `network Shoes extends ResNet18(classes = 5) { head: dense(classes); freeze stem }`: the
// chain of bases, the parameters the derived network has, the labelled statements it replaces, its input and
// its training directives. Resolution checks these (resolve.ts); expansion uses them (expand.ts).
import type { Definition, Param, Stmt } from '../grammar/ast.js';
import type { DefinitionTable } from './resolve.js';

type Labeled = Stmt & { kind: 'labeled' };
type Input = Stmt & { kind: 'input' };
export type Directive = Stmt & { kind: 'directive' };

/** A statement with the definition it is written in (its file, for diagnostics). */
export interface Owned<S> {
  statement: S;
  def: Definition;
}

export interface DerivedNetwork {
  /** The root network first, the derived network last. */
  chain: Definition[];
  /** In binding order: the derived network's own parameters, then each base's, with `extends` defaults applied. */
  params: { param: Param; def: Definition }[];
  /** Label path (as written) → the statement that replaces it; the most derived network wins. */
  replacements: Map<string, Owned<Labeled>>;
  input?: Owned<Input>;
  /** Every network's directives in the chain, root first (later ones override earlier ones). */
  directives: Owned<Directive>[];
}

/** Most networks in one extends chain (NET4902 past it): the walks over a chain stay small however many networks a file has. */
export const maxBaseChain = 64;

/** The chain root → def, or undefined where a base is missing, a block, a cycle or past maxBaseChain (resolve.ts reports those). */
export function baseChain(def: Definition, defs: DefinitionTable): Definition[] | undefined {
  const chain: Definition[] = [def];
  for (let d = def; d.extends; ) {
    const base = defs.get(d.extends.name);
    if (!base || base.kind !== 'network' || chain.includes(base) || chain.length >= maxBaseChain) return undefined;
    chain.unshift(base);
    d = base;
  }
  return chain;
}

/** A network's parameters in binding order, with the defaults its `extends` clauses give. */
export function effectiveParams(chain: Definition[]): { param: Param; def: Definition }[] {
  let params: { param: Param; def: Definition }[] = [];
  for (const def of chain) {
    const given = new Map((def.extends?.args ?? []).map((a) => [a.name, a]));
    const inherited = params.map((p) => {
      const arg = given.get(p.param.name);
      return arg?.default ? { param: { name: p.param.name, span: arg.span, default: arg.default }, def } : p;
    });
    params = [...def.params.map((param) => ({ param, def })), ...inherited];
  }
  return params;
}

export const directivesOf = (def: Definition): Directive[] => def.body.filter((s): s is Directive => s.kind === 'directive');

export function deriveNetwork(def: Definition, defs: DefinitionTable): DerivedNetwork | undefined {
  const chain = baseChain(def, defs);
  if (!chain) return undefined;
  const replacements = new Map<string, Owned<Labeled>>();
  let input: Owned<Input> | undefined;
  for (const d of chain.slice(1)) {
    for (const s of d.body) {
      if (s.kind === 'labeled') replacements.set(s.label, { statement: s, def: d });
      else if (s.kind === 'input') input = { statement: s, def: d };
    }
  }
  const directives = chain.flatMap((d) => directivesOf(d).map((statement) => ({ statement, def: d })));
  return { chain, params: effectiveParams(chain), replacements, input, directives };
}
