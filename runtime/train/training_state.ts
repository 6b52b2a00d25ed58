// What training does to each parameter in a given epoch, from the IR's training rules: frozen or updated, its
// learning-rate and weight-decay multipliers, and which frozen batchnorms run on running statistics.
// --unfreeze-after N (fastai's schedule) makes every frozen layer trainable from epoch N + 1.
import type { Ir } from '../../compiler/ir.js';

export interface TrainingState {
  /** Frozen learnable parameters, by IR name. */
  frozen: Set<string>;
  /** Batchnorm nodes that normalize with their running statistics while training. */
  fixedStatistics: Set<string>;
}

/** The state in 0-based `epoch`: rules as written before `unfreezeAfter` epochs, everything trainable after. */
export function trainingStateAt(ir: Ir, epoch: number, unfreezeAfter?: number): TrainingState {
  const state: TrainingState = { frozen: new Set(), fixedStatistics: new Set() };
  if (unfreezeAfter !== undefined && epoch >= unfreezeAfter) return state;
  for (const node of ir.nodes) {
    if (!node.training?.frozen) continue;
    for (const p of node.params) if (p.trainable) state.frozen.add(p.name);
    if (node.op === 'batchnorm' && node.training.statistics !== 'batch') state.fixedStatistics.add(node.name);
  }
  return state;
}

/** Per learnable parameter (IR order), its lr and weight-decay multipliers — the optimizer's parameter groups. */
export function parameterMultipliers(ir: Ir): { name: string; lrMult: number; decayMult: number }[] {
  return ir.nodes.flatMap((node) =>
    node.params.filter((p) => p.trainable).map((p) => ({ name: p.name, lrMult: node.training?.lrMult ?? 1, decayMult: node.training?.decayMult ?? 1 })),
  );
}

/** The rules resume must find unchanged: every node's training settings, and the unfreeze epoch. */
export function trainingFingerprint(ir: Ir, unfreezeAfter?: number): string {
  const rules = ir.nodes.filter((n) => n.training).map((n) => [n.name, n.training]);
  return JSON.stringify({ rules, unfreezeAfter: unfreezeAfter ?? null });
}
