// The IR's scopes as a tree: each scope's children (layers and scopes) in the order the network runs them.
import type { Ir, IrNode, IrScope } from '../compiler/ir.js';

export interface ScopeEntry {
  scope: IrScope;
  parent: string | undefined;
  /** Direct children in order: { node } for a layer, { scope } for a nested scope. */
  children: ({ node: IrNode } | { scope: string })[];
  /** Every layer inside, nested ones too, in topological order. */
  nodes: IrNode[];
}

export interface ScopeTree {
  /** The network's top level: its direct layers and scopes. */
  root: ({ node: IrNode } | { scope: string })[];
  scopes: Map<string, ScopeEntry>;
}

/** The enclosing scope of a path: its longest proper prefix that is a scope. */
function parentOf(path: string, known: Set<string>): string | undefined {
  for (let i = path.lastIndexOf('.'); i > 0; i = path.lastIndexOf('.', i - 1)) {
    const prefix = path.slice(0, i);
    if (known.has(prefix)) return prefix;
  }
  return undefined;
}

export function scopeTree(ir: Ir): ScopeTree {
  const known = new Set(ir.scopes.map((s) => s.path));
  const scopes = new Map<string, ScopeEntry>();
  for (const scope of ir.scopes) scopes.set(scope.path, { scope, parent: parentOf(scope.path, known), children: [], nodes: [] });
  const root: ScopeTree['root'] = [];
  const childrenOf = (path: string | undefined) => (path === undefined ? root : scopes.get(path)!.children);
  // Scopes enter their parent's list when their first layer runs, so siblings keep the network's order.
  const entered = new Set<string>();
  const enter = (path: string) => {
    if (entered.has(path)) return;
    const parent = scopes.get(path)!.parent;
    if (parent !== undefined) enter(parent);
    entered.add(path);
    childrenOf(parent).push({ scope: path });
  };
  for (const node of ir.nodes) {
    const owner = known.has(node.scope) ? node.scope : node.scope === '' ? undefined : parentOf(`${node.scope}.x`, known);
    if (owner !== undefined) enter(owner);
    childrenOf(owner).push({ node });
    for (let s = owner; s !== undefined; s = scopes.get(s)!.parent) scopes.get(s)!.nodes.push(node);
  }
  // A scope without layers (never entered) is not drawn.
  for (const path of [...scopes.keys()]) if (!entered.has(path)) scopes.delete(path);
  return { root, scopes };
}

/** What makes two block calls the same drawing: block name and each layer's relative name, op and attributes
 *  (not shapes: DenseNet's dense_layer calls see more channels each time and are still one repeated call). */
export function callSignature(entry: ScopeEntry): string {
  const prefix = entry.scope.path + '.';
  return JSON.stringify([entry.scope.kind, entry.scope.name, entry.nodes.map((n) => [n.name.slice(prefix.length), n.op, n.attrs])]);
}
