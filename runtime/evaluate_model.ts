// Eval-mode accuracy and confusion matrix over a split, batched, with one read-back per batch.
import * as tf from './tfjs.js';
import type { Model } from './model.js';
import type { Split } from './platform/idx_files.js';
import type { InputPlan } from './data/input_fit.js';
import { evalContext } from './forward_context.js';
import { inputTensor, type Normalization } from './input_pipeline.js';
import { toFloat } from './data/batches.js';

export interface Evaluation {
  accuracy: number;
  count: number;
  /** confusion[label][predicted] */
  confusion: number[][];
}

/** `classes`: the confusion matrix's size (default: the network's outputs). */
export async function evaluate(model: Model, split: Split, plan: InputPlan, batchSize: number, norm?: Normalization, classes = outputsOf(model)): Promise<Evaluation> {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const pixels = split.shape[0] * split.shape[1] * split.shape[2];
  let correct = 0;
  const ctx = evalContext();
  for (let start = 0; start < split.count; start += batchSize) {
    const size = Math.min(batchSize, split.count - start);
    const predictions = tf.tidy(() => {
      const x = inputTensor(toFloat(split.images.subarray(start * pixels, (start + size) * pixels)), size, split.shape, plan, norm, 255);
      return tf.argMax(model.forward(x, ctx), 1);
    });
    const predicted = (await predictions.data()) as Int32Array;
    predictions.dispose();
    for (let i = 0; i < size; i++) {
      const label = split.labels[start + i];
      const guess = predicted[i];
      if (label < classes && guess < classes) confusion[label][guess]++;
      if (guess === label) correct++;
    }
  }
  return { accuracy: correct / Math.max(1, split.count), count: split.count, confusion };
}

function outputsOf(model: Model): number {
  const shape = model.ir.nodes.find((n) => n.name === model.ir.output)?.shape;
  return shape && shape.length === 1 ? shape[0] : 10;
}
