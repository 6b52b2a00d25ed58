// A torchinfo-like summary of checked IR: rows per layer, grouped by scope with subtotals, and totals.
import type { Ir, IrNode } from './ir.js';
import { product } from './ops/op_spec.js';

export interface SummaryRow {
  /** 'group' rows head a scope (block instance, label, branch, shortcut) and carry its subtotals. */
  kind: 'layer' | 'group';
  depth: number;
  name: string;
  /** Layer op, or for groups the block name / 'label' / 'branch' / 'shortcut'. */
  op: string;
  outputShape: number[];
  params: number;
  macs: number;
}

export interface Summary {
  network: string;
  file: string;
  input: number[];
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  bufferElements: number;
  macs: number;
  activationBytes: number;
  paramBytes: number;
}

const nodeParams = (n: IrNode) => n.params.filter((p) => p.trainable).reduce((s, p) => s + product(p.shape), 0);

export function summarize(ir: Ir): Summary {
  const scopes = new Map(ir.scopes.map((s) => [s.path, s]));
  const inside = (node: IrNode, path: string) => node.scope === path || node.scope.startsWith(path + '.');
  /** The named scopes enclosing a node, outermost first. */
  const chain = (node: IrNode) => {
    const parts = node.scope ? node.scope.split('.') : [];
    return parts.map((_, i) => parts.slice(0, i + 1).join('.')).filter((p) => scopes.has(p));
  };
  const rows: SummaryRow[] = [];
  let open: string[] = [];
  ir.nodes.forEach((node, i) => {
    if (node.op === 'input') return;
    const wanted = chain(node);
    let common = 0;
    while (common < open.length && open[common] === wanted[common]) common++;
    for (const path of wanted.slice(common)) {
      const members = ir.nodes.filter((n) => inside(n, path));
      const last = ir.nodes.slice(i).filter((n) => inside(n, path)).pop() ?? node;
      const scope = scopes.get(path)!;
      rows.push({
        kind: 'group',
        depth: wanted.indexOf(path),
        name: path,
        op: scope.kind === 'block' ? scope.name : scope.kind,
        outputShape: last.shape,
        params: members.reduce((s, n) => s + nodeParams(n), 0),
        macs: members.reduce((s, n) => s + n.macs, 0),
      });
    }
    open = wanted;
    rows.push({ kind: 'layer', depth: wanted.length, name: node.name, op: node.op, outputShape: node.shape, params: nodeParams(node), macs: node.macs });
  });
  return {
    network: ir.network,
    file: ir.file,
    input: ir.input,
    rows,
    totalParams: ir.totalParams,
    trainableParams: ir.trainableParams,
    bufferElements: ir.bufferElements,
    macs: ir.macs,
    activationBytes: ir.activationBytes,
    paramBytes: 4 * (ir.totalParams + ir.bufferElements),
  };
}
