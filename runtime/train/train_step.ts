// One optimization step: forward in training mode, loss, gradients, optimizer update, BatchNorm statistics.
// Shared by the trainer and the benchmark, so both time exactly the same work.
import * as tf from '../tfjs.js';
import type { Model } from '../model.js';
import type { Rng } from '../rng.js';
import { type BatchStats, trainingContext } from '../forward_context.js';
import { crossEntropy, correctCount } from './loss.js';
import type { Optimizer } from './optimizer.js';
import type { StepTrace } from './grad_trace.js';

export interface StepResult {
  /** Mean loss of the batch (a scalar on the device; the caller disposes it). */
  loss: tf.Scalar;
  /** Correct predictions in the batch (likewise). */
  correct: tf.Scalar;
  /** With a trace: its [layers, 6] statistics (the caller disposes them). */
  trace?: tf.Tensor2D;
}

/** `input` builds the network input from the batch inside the gradient scope (so it is freed with it);
 * `labelSmoothing` is CrossEntropyLoss's label_smoothing; `trace` (--trace-grad) observes the forward pass and
 * reads the gradients before the update. */
export function trainStep(model: Model, optimizer: Optimizer, input: () => tf.Tensor, labels: tf.Tensor1D, lr: number, rng: Rng, labelSmoothing = 0, trace?: StepTrace): StepResult {
  const stats: BatchStats[] = [];
  const ctx = trainingContext(rng, tf.keep, stats, model.fixedStatistics);
  if (trace) ctx.observe = trace.observe;
  let correct: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.forward(input(), ctx);
    correct = tf.keep(correctCount(logits, labels));
    return crossEntropy(logits, labels, labelSmoothing);
  }, model.trainableVariables);
  const traced = trace?.statistics(model, grads);
  optimizer.apply(grads, lr);
  model.applyBatchStats(stats);
  tf.dispose(Object.values(grads));
  return { loss: value, correct: correct!, ...(traced ? { trace: traced } : {}) };
}
