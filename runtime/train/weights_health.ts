// Whether a run has diverged: a loss that is not finite or has exploded past a fixed multiple of chance, and
// weights or optimizer state that stopped being finite after an epoch (checked before anything is written, so
// a blown-up model never replaces a good checkpoint). The divergence message names the checkpoint that is kept.
import { TrainingDiverged } from '../errors.js';
import type { Model } from '../model.js';
import type { Optimizer } from './optimizer.js';

/** A mean loss past this many times ln(classes) — the cross-entropy of guessing at chance — is a divergence. */
export const LOSS_LIMIT_FACTOR = 1e4;

/** The largest mean cross-entropy a run that still learns can have: 1e4 × ln(classes) (23,026 for 10 classes). */
export function lossLimit(classes: number): number {
  return LOSS_LIMIT_FACTOR * Math.log(Math.max(classes, 2));
}

const advice = (lr: number) => `Try a smaller --lr (e.g. ${+(lr / 3).toPrecision(2)}), batchnorm layers, or --optimizer adam with --lr 0.001`;

/** The mean loss so far, if it means the run diverged: the message to stop with (else undefined). */
export function lossDivergence(meanLoss: number, classes: number, where: string, lr: number, kept: string): TrainingDiverged | undefined {
  const limit = lossLimit(classes);
  if (Number.isFinite(meanLoss) && meanLoss <= limit) return undefined;
  const what = Number.isFinite(meanLoss)
    ? `the mean loss reached ${meanLoss.toPrecision(6)} ${where}, past the divergence threshold ${limit.toFixed(0)} (${LOSS_LIMIT_FACTOR} × ln ${classes}, the loss of guessing among ${classes} classes)`
    : `the loss became ${meanLoss} ${where}`;
  return new TrainingDiverged(`${what}; training stopped and ${kept}. ${advice(lr)}`);
}

/**
 * A weight past this magnitude has exploded: its square — which Adam's second moment, weight decay and
 * batchnorm's variance compute — overflows float32 (sqrt of 3.4e38 ≈ 1.8e19).
 */
export const EXPLODED_MAGNITUDE = Math.sqrt(3.4028234663852886e38);

/** Counts the non-finite or exploded values of the model's weights and buffers and of the optimizer's state. */
export async function nonFiniteState(model: Model, optimizer: Optimizer): Promise<{ count: number; total: number; first?: string }> {
  const tensors: [string, { data(): Promise<unknown> }][] = model.params.map((p) => [p.param.name, p.variable]);
  const trainable = model.params.filter((p) => p.param.trainable);
  for (const [slot, variables] of optimizer.slots) variables.forEach((v, i) => tensors.push([`${slot}/${trainable[i]?.param.name ?? i}`, v]));
  let count = 0;
  let total = 0;
  let first: string | undefined;
  for (const [name, variable] of tensors) {
    const data = (await variable.data()) as Float32Array;
    total += data.length;
    for (let i = 0; i < data.length; i++) {
      if (Math.abs(data[i]) <= EXPLODED_MAGNITUDE) continue; // false for NaN too
      count++;
      first ??= name;
    }
  }
  return { count, total, first };
}

/** Throws TrainingDiverged when epoch `epoch` (1-based) left weights or optimizer state non-finite or exploded. */
export async function checkStateFinite(model: Model, optimizer: Optimizer, epoch: number, lr: number, kept: string): Promise<void> {
  const { count, total, first } = await nonFiniteState(model, optimizer);
  if (count === 0) return;
  throw new TrainingDiverged(
    `epoch ${epoch} left ${count.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} weights and optimizer values non-finite or past ±${EXPLODED_MAGNITUDE.toPrecision(2)} (whose square overflows float32; first: '${first}', lr ${+lr.toPrecision(4)}); ` +
      `training stopped before writing its checkpoint, and ${kept}. ${advice(lr)}`,
  );
}
