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
  /** How training treats it: 'trainable', 'frozen', 'frozen (batch statistics)', with ', lr ×10', ', new'. */
  training: string;
  /** The effective learning-rate multiplier of its parameters (1 unless a rule set it; 0 when frozen). */
  lrMult: number;
}

export interface Summary {
  network: string;
  file: string;
  input: number[];
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  frozenParams: number;
  /** Whether any layer has a training rule (frozen, new or a multiplier): the table then shows them. */
  hasTrainingRules: boolean;
  bufferElements: number;
  macs: number;
  activationBytes: number;
  paramBytes: number;
}

const nodeParams = (n: IrNode) => n.params.filter((p) => p.trainable).reduce((s, p) => s + product(p.shape), 0);

/** 'frozen', 'frozen (batch statistics)', 'trainable, lr ×10, decay ×0', …, with ', new' where --init-from skips it. */
export function trainingText(node: IrNode): string {
  const t = node.training ?? {};
  const parts = [t.frozen ? (t.statistics === 'batch' ? 'frozen (batch statistics)' : 'frozen') : 'trainable'];
  if (!t.frozen && t.lrMult !== undefined && t.lrMult !== 1) parts.push(`lr ×${t.lrMult}`);
  if (!t.frozen && t.decayMult !== undefined && t.decayMult !== 1) parts.push(`decay ×${t.decayMult}`);
  if (t.fresh) parts.push('new');
  return parts.join(', ');
}

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
        ...groupTraining(members.filter((n) => n.params.length > 0)),
      });
    }
    open = wanted;
    const training = node.params.length > 0 ? trainingText(node) : '';
    const lrMult = node.training?.frozen ? 0 : (node.training?.lrMult ?? 1);
    rows.push({ kind: 'layer', depth: wanted.length, name: node.name, op: node.op, outputShape: node.shape, params: nodeParams(node), macs: node.macs, training, lrMult });
  });
  return {
    network: ir.network,
    file: ir.file,
    input: ir.input,
    rows,
    totalParams: ir.totalParams,
    trainableParams: ir.trainableParams,
    frozenParams: ir.frozenParams,
    hasTrainingRules: ir.nodes.some((n) => n.training !== undefined),
    bufferElements: ir.bufferElements,
    macs: ir.macs,
    activationBytes: ir.activationBytes,
    paramBytes: 4 * (ir.totalParams + ir.bufferElements),
  };
}

/** A group's training text: its layers' common one, or 'mixed'. */
function groupTraining(layers: IrNode[]): { training: string; lrMult: number } {
  const texts = new Set(layers.map(trainingText));
  const mults = new Set(layers.map((n) => (n.training?.frozen ? 0 : (n.training?.lrMult ?? 1))));
  return { training: texts.size === 1 ? [...texts][0] : texts.size === 0 ? '' : 'mixed', lrMult: mults.size === 1 ? [...mults][0] : NaN };
}
