// IR → NetGraph: layers as nodes, scopes as groups; repeated blocks fold into one node (runs of equal calls as ×N).
import type { Ir, IrNode } from '../compiler/ir.js';
import { product } from '../compiler/ops/op_spec.js';
import { layerDetail, shapeLabel } from './format.js';
import type { BuildOptions, GraphEdge, GraphGroup, GraphNode, NetGraph } from './net_graph.js';
import { callSignature, scopeTree, type ScopeEntry, type ScopeTree } from './scope_tree.js';

const learnable = (n: IrNode) => n.params.filter((p) => p.trainable).reduce((s, p) => s + product(p.shape), 0);

type Child = ScopeTree['root'][number];

/** `parent` only where there is one, so the graph survives a JSON round trip unchanged. */
const under = (parent: GraphGroup | undefined) => (parent ? { parent: parent.id } : {});

/** Splits a child list into runs: consecutive calls of one block with one signature share a run. */
function runsOf(children: Child[], tree: ScopeTree): Child[][] {
  const runs: Child[][] = [];
  let last: string | undefined;
  for (const child of children) {
    const entry = 'scope' in child ? tree.scopes.get(child.scope)! : undefined;
    const signature = entry && entry.scope.kind === 'block' ? callSignature(entry) : undefined;
    if (signature !== undefined && signature === last) runs[runs.length - 1].push(child);
    else runs.push([child]);
    last = signature;
  }
  return runs;
}

export function buildGraph(ir: Ir, options: BuildOptions = {}): NetGraph {
  const tree = scopeTree(ir);
  const expanded = options.expanded ?? [];
  const collapsedList = new Set(options.collapsed ?? []);
  // "Repeated": a block called more than once in the network.
  const calls = new Map<string, number>();
  for (const { scope } of tree.scopes.values()) if (scope.kind === 'block') calls.set(scope.name, (calls.get(scope.name) ?? 0) + 1);
  // Expanding a nested id opens its enclosing groups too.
  const opened = new Set<string>();
  if (Array.isArray(expanded)) {
    for (const id of expanded) for (let s: string | undefined = id; s !== undefined && tree.scopes.has(s); s = tree.scopes.get(s)!.parent) opened.add(s);
  }
  const isCollapsed = (entry: ScopeEntry, run: Child[]): boolean => {
    const path = entry.scope.path;
    if (collapsedList.has(path)) return true;
    if (expanded === 'all') return false;
    if (expanded === 'none') return true;
    if (run.some((c) => 'scope' in c && opened.has(c.scope))) return false;
    return entry.scope.kind === 'block' && (calls.get(entry.scope.name) ?? 0) > 1;
  };

  const nodes: GraphNode[] = [];
  const groups: GraphGroup[] = [];
  const drawnAs = new Map<string, string>(); // IR node → the drawn node that shows it

  const visit = (children: Child[], parent: GraphGroup | undefined): void => {
    const prefix = parent ? parent.id + '.' : '';
    for (const run of runsOf(children, tree)) {
      // A run folds while its calls are collapsed; a call collapsed on its own (options.collapsed) stays alone.
      let pending: ScopeEntry[] = [];
      const flush = () => {
        if (pending.length > 0) foldInto(pending, parent);
        pending = [];
      };
      for (const child of run) {
        if ('node' in child) {
          const n = child.node;
          const label = n.name.startsWith(prefix) ? n.name.slice(prefix.length) : n.name;
          nodes.push({ id: n.name, kind: 'layer', label, op: n.op, family: n.family, detail: layerDetail(n), shape: n.shape, params: learnable(n), macs: n.macs, source: n.source, layers: 1, ...under(parent) });
          parent?.children.push(n.name);
          drawnAs.set(n.name, n.name);
          continue;
        }
        const entry = tree.scopes.get(child.scope)!;
        if (isCollapsed(entry, run)) {
          if (pending.length > 0 && collapsedList.has(entry.scope.path) !== collapsedList.has(pending[0].scope.path)) flush();
          pending.push(entry);
          continue;
        }
        flush();
        const group: GraphGroup = { id: entry.scope.path, kind: entry.scope.kind, name: entry.scope.name, ...under(parent), collapsed: false, children: [], source: entry.scope.source, members: [entry.scope.path] };
        groups.push(group);
        parent?.children.push(group.id);
        visit(entry.children, group);
      }
      flush();
    }
  };

  const foldInto = (members: ScopeEntry[], parent: GraphGroup | undefined) => {
    const first = members[0].scope;
    const inside = members.flatMap((m) => m.nodes);
    const id = first.path;
    groups.push({ id, kind: first.kind, name: first.name, ...under(parent), collapsed: true, children: [], source: first.source, members: members.map((m) => m.scope.path) });
    const last = inside[inside.length - 1];
    nodes.push({
      id,
      kind: 'group',
      label: members.length > 1 ? `${first.name}×${members.length}` : first.name,
      op: first.kind,
      family: 'group',
      detail: `${inside.length} layers → ${shapeLabel(last.shape)}`,
      shape: last.shape,
      params: inside.reduce((s, n) => s + learnable(n), 0),
      macs: inside.reduce((s, n) => s + n.macs, 0),
      source: first.source,
      layers: inside.length,
      ...under(parent),
    });
    parent?.children.push(id);
    for (const n of inside) drawnAs.set(n.name, id);
  };

  visit(tree.root, undefined);
  // Nodes in the IR's order (a folded group where its first layer was), so the JSON reads top to bottom.
  const rank = new Map<string, number>();
  ir.nodes.forEach((n, i) => {
    const id = drawnAs.get(n.name)!;
    if (!rank.has(id)) rank.set(id, i);
  });
  nodes.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const byName = new Map(ir.nodes.map((n) => [n.name, n]));
  for (const n of ir.nodes) {
    for (const input of n.inputs) {
      const from = drawnAs.get(input)!;
      const to = drawnAs.get(n.name)!;
      const id = `${from}->${to}`;
      if (from === to || seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, from, to, label: shapeLabel(byName.get(input)!.shape) });
    }
  }
  return { network: ir.network, nodes, edges, groups };
}
