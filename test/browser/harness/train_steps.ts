// In the page: LeNet (or any single-input network) trained for N steps on the current backend with the CLI's
// own pieces (Model, Optimizer, trainStep), reporting each step's loss, tensor count and time, and the cold
// start split into its stages (compile, model build, first step).
import * as tf from '../../../runtime/tfjs.js';
import { compile } from '../../../compiler/compile.js';
import { Model } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig, type OptimizerKind } from '../../../runtime/train/optimizer.js';
import { trainStep } from '../../../runtime/train/train_step.js';
import type { InitScheme } from '../../../runtime/init.js';
import type { Images } from './fashion_batches.js';

export interface TrainOptions {
  source: string;
  steps: number;
  batch: number;
  lr: number;
  optimizer: OptimizerKind;
  init?: InitScheme;
}

export interface TrainReport {
  backend: string;
  losses: number[];
  /** tf.memory().numTensors after each step (loss and metrics disposed). */
  numTensors: number[];
  stepMs: number[];
  /** From the call to the end of the first step (its loss read back), and its parts. */
  coldStart: { compileMs: number; modelMs: number; firstStepMs: number; totalMs: number };
}

/** The batch at `step` (wrapping around the images) as NHWC input and labels. */
export function batchAt(images: Images, step: number, batch: number): { x: tf.Tensor4D; labels: tf.Tensor1D } {
  const start = (step * batch) % Math.max(1, images.count - batch + 1);
  const x = tf.tensor4d(images.pixels.subarray(start * 784, (start + batch) * 784), [batch, 28, 28, 1]);
  return { x, labels: tf.tensor1d(images.labels.subarray(start, start + batch), 'int32') };
}

export async function trainSteps(images: Images, options: TrainOptions): Promise<TrainReport> {
  const t0 = performance.now();
  const compiled = compile(options.source, { file: 'network.net' });
  if (!compiled.ir) throw new Error(`the network does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const t1 = performance.now();
  const model = Model.create(compiled.ir, new Rng(0), options.init);
  const optimizer = new Optimizer(defaultOptimizerConfig(options.optimizer), model.trainableVariables);
  const t2 = performance.now();
  const rng = new Rng(1);
  const report: TrainReport = { backend: tf.getBackend(), losses: [], numTensors: [], stepMs: [], coldStart: { compileMs: t1 - t0, modelMs: t2 - t1, firstStepMs: 0, totalMs: 0 } };
  for (let step = 0; step < options.steps; step++) {
    const start = performance.now();
    const { x, labels } = batchAt(images, step, options.batch);
    const { loss, correct } = trainStep(model, optimizer, () => x, labels, options.lr, rng);
    report.losses.push((await loss.data())[0]);
    tf.dispose([loss, correct, x, labels]);
    report.numTensors.push(tf.memory().numTensors);
    report.stepMs.push(performance.now() - start);
    if (step === 0) Object.assign(report.coldStart, { firstStepMs: report.stepMs[0], totalMs: performance.now() - t0 });
  }
  optimizer.dispose();
  model.dispose();
  return report;
}
