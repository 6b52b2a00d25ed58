// Test helpers for runtime tests: the quiet cpu backend, and a leak check around any async step.
import * as tf from '../../runtime/tfjs.js';

export async function useCpu(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
}

/** Runs `fn` and returns how many tensors it left behind. */
export async function tensorsLeftBy(fn: () => Promise<unknown> | unknown): Promise<number> {
  const before = tf.memory().numTensors;
  await fn();
  return tf.memory().numTensors - before;
}
