// images/s of one training step and of inference for netc (the CLI's Model, Optimizer and trainStep), in the
// bench page and in Node alike; and, in the page, where one training step's time goes.
import * as tf from '../../runtime/tfjs.js';
import { compile } from '../../compiler/compile.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { trainStep } from '../../runtime/train/train_step.js';
import { evalContext } from '../../runtime/forward_context.js';

export interface Rates {
  train: number;
  infer: number;
  /** The first training step (shader compilation, texture allocation), in ms. */
  firstTrainMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Images/s of `step` (which reads its result back): median of `timed` steps after `warm` warm-up steps. */
export async function imagesPerSec(batch: number, step: () => Promise<void>, timed: number, warm = 1): Promise<{ rate: number; firstMs: number }> {
  let firstMs = 0;
  for (let i = 0; i < warm; i++) {
    const t = performance.now();
    await step();
    if (i === 0) firstMs = performance.now() - t;
  }
  const times: number[] = [];
  for (let i = 0; i < timed; i++) {
    const t = performance.now();
    await step();
    times.push(performance.now() - t);
  }
  return { rate: (batch * 1000) / median(times), firstMs };
}

export const inputs = (batch: number) => ({
  x: tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 1),
  labels: tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'),
});

export async function netcRates(source: string, batch: number, timed: number): Promise<Rates> {
  const model = Model.create(compile(source).ir!, new Rng(0));
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
  const { x, labels } = inputs(batch);
  const rng = new Rng(1);
  const train = await imagesPerSec(batch, async () => {
    const { loss, correct } = trainStep(model, optimizer, () => x, labels, 0.01, rng);
    await loss.data();
    tf.dispose([loss, correct]);
  }, timed);
  const infer = await imagesPerSec(batch, async () => {
    const y = tf.tidy(() => model.forward(x, evalContext()));
    await y.data();
    y.dispose();
  }, timed);
  tf.dispose([x, labels]);
  optimizer.dispose();
  model.dispose();
  return { train: train.rate, infer: infer.rate, firstTrainMs: train.firstMs };
}

export interface StepProfile {
  wallMs: number;
  kernelMs: number;
  /** WebGL only: time waiting on texture uploads and on readbacks (tf.time). */
  uploadWaitMs?: number;
  downloadWaitMs?: number;
  /** The kernels that took longest, summed by name (tf.profile; GPU time where the backend has timer queries). */
  kernels: { name: string; count: number; ms: number }[];
}

/** Where one netc training step's time goes on the current backend (after a warm-up step). */
export async function netcStepProfile(source: string, batch: number): Promise<StepProfile> {
  const model = Model.create(compile(source).ir!, new Rng(0));
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
  const { x, labels } = inputs(batch);
  const rng = new Rng(1);
  const step = async () => {
    const { loss, correct } = trainStep(model, optimizer, () => x, labels, 0.01, rng);
    await loss.data();
    tf.dispose([loss, correct]);
  };
  await step();
  const timing = (await tf.time(() => {
    const r = trainStep(model, optimizer, () => x, labels, 0.01, rng);
    tf.dispose([r.loss, r.correct]);
  })) as tf.TimingInfo & { uploadWaitMs?: number; downloadWaitMs?: number };
  const profile = await tf.profile(step);
  const byName = new Map<string, { count: number; ms: number }>();
  for (const k of profile.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const entry = byName.get(k.name) ?? { count: 0, ms: 0 };
    byName.set(k.name, { count: entry.count + 1, ms: entry.ms + ms });
  }
  tf.dispose([x, labels]);
  optimizer.dispose();
  model.dispose();
  const kernels = [...byName].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.ms - a.ms).slice(0, 8);
  return { wallMs: timing.wallMs, kernelMs: typeof timing.kernelMs === 'number' ? timing.kernelMs : NaN, uploadWaitMs: timing.uploadWaitMs, downloadWaitMs: timing.downloadWaitMs, kernels };
}
