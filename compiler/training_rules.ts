// Training rules: which scopes are frozen, new (never copied by --init-from), or get learning-rate and
// weight-decay multipliers (Caffe's lr_mult/decay_mult). The language's `freeze`/`train`/`new` directives and
// the CLI's --freeze/--lr-mult/--decay-mult/--new flags are both lists of rules applied to the IR's nodes here.
import type { Ir, IrNode, NodeTraining } from './ir.js';
import { product } from './ops/op_spec.js';
import { suggest } from './suggest.js';

export interface TrainingRule {
  kind: 'freeze' | 'train' | 'new';
  /** A label path; `*` stands for any text within one segment (`stage*`, `*.bn1`). */
  pattern: string;
  lrMult?: number;
  decayMult?: number;
  /** freeze only: 'fixed' (default) runs BatchNorm on its running statistics; 'batch' keeps batch statistics. */
  statistics?: 'fixed' | 'batch';
}

function segmentRegex(segment: string): RegExp {
  return new RegExp(`^${segment.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*')}$`);
}

/** A pattern names a scope: it matches a node whose path starts with segments matching the pattern's. */
export function matchesScope(pattern: string, nodeName: string): boolean {
  const want = pattern.split('.');
  const have = nodeName.split('.');
  return want.length <= have.length && want.every((seg, i) => segmentRegex(seg).test(have[i]));
}

/** Every scope path in the network (node names and their prefixes), for "did you mean". */
export function scopePaths(ir: Ir): string[] {
  const paths = new Set<string>();
  for (const node of ir.nodes) {
    if (node.op === 'input') continue;
    const parts = node.name.split('.');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('.'));
  }
  return [...paths];
}

export interface RuleProblem {
  rule: TrainingRule;
  index: number;
  /** The closest scope path, when the pattern looks like a typo of one. */
  suggestion?: string;
}

/**
 * Applies rules in order (a later rule overrides an earlier one on the same field) and returns a new IR with
 * `node.training` set and the trainable/frozen totals recomputed; patterns that name no layer are problems.
 */
export function applyTrainingRules(ir: Ir, rules: TrainingRule[]): { ir: Ir; problems: RuleProblem[] } {
  // Most networks have no rules: copying every node then only costs time (a third of a 66,000-layer check).
  if (rules.length === 0) return { ir: withTotals(ir), problems: [] };
  const problems: RuleProblem[] = [];
  const training = new Map<string, NodeTraining>(ir.nodes.map((n) => [n.name, { ...n.training }]));
  rules.forEach((rule, index) => {
    const matched = ir.nodes.filter((n) => n.op !== 'input' && matchesScope(rule.pattern, n.name));
    if (matched.length === 0) {
      problems.push({ rule, index, suggestion: suggest(rule.pattern, scopePaths(ir)) });
      return;
    }
    for (const node of matched) {
      const t = training.get(node.name)!;
      if (rule.kind === 'freeze') {
        t.frozen = true;
        if (node.op === 'batchnorm') t.statistics = rule.statistics ?? 'fixed';
      } else if (rule.kind === 'new') t.fresh = true;
      else {
        if (rule.lrMult !== undefined) t.lrMult = rule.lrMult;
        if (rule.decayMult !== undefined) t.decayMult = rule.decayMult;
      }
    }
  });
  const nodes: IrNode[] = ir.nodes.map((n) => {
    const t = training.get(n.name)!;
    const { training: _old, ...rest } = n;
    return Object.keys(t).length > 0 ? { ...rest, training: t } : rest;
  });
  return { ir: withTotals({ ...ir, nodes }), problems };
}

/** Recomputes trainableParams/frozenParams from the nodes' training settings. */
export function withTotals(ir: Ir): Ir {
  let frozen = 0;
  for (const node of ir.nodes) if (node.training?.frozen) for (const p of node.params) if (p.trainable) frozen += product(p.shape);
  return { ...ir, trainableParams: ir.totalParams - frozen, frozenParams: frozen };
}

/** The effective learning-rate and weight-decay multipliers of a node (1 unless a rule set them). */
export const lrMultOf = (node: IrNode): number => node.training?.lrMult ?? 1;
export const decayMultOf = (node: IrNode): number => node.training?.decayMult ?? 1;
