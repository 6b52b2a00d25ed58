// One optimization step: forward in training mode, loss, gradients, optimizer update, BatchNorm statistics.
// Shared by the trainer and the benchmark, so both time exactly the same work.
import * as tf from '../tfjs.js';
import type { Model } from '../model.js';
import type { Rng } from '../rng.js';
import { type BatchStats, trainingContext } from '../forward_context.js';
import { crossEntropy, correctCount } from './loss.js';
import type { Optimizer } from './optimizer.js';

export interface StepResult {
  /** Mean loss of the batch (a scalar on the device; the caller disposes it). */
  loss: tf.Scalar;
  /** Correct predictions in the batch (likewise). */
  correct: tf.Scalar;
}

/** `input` builds the network input from the batch inside the gradient scope (so it is freed with it);
 * `labelSmoothing` is CrossEntropyLoss's label_smoothing. */
export function trainStep(model: Model, optimizer: Optimizer, input: () => tf.Tensor, labels: tf.Tensor1D, lr: number, rng: Rng, labelSmoothing = 0): StepResult {
  const stats: BatchStats[] = [];
  const ctx = trainingContext(rng, tf.keep, stats, model.fixedStatistics);
  let correct: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.forward(input(), ctx);
    correct = tf.keep(correctCount(logits, labels));
    return crossEntropy(logits, labels, labelSmoothing);
  }, model.trainableVariables);
  optimizer.apply(grads, lr);
  model.applyBatchStats(stats);
  tf.dispose(Object.values(grads));
  return { loss: value, correct: correct! };
}
