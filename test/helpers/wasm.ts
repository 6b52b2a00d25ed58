// Test helpers for wasm-vs-cpu tests: start netc's wasm backend beside cpu (failing the file if it cannot),
// and seeded inputs.
import * as tf from '../../runtime/tfjs.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { Rng } from '../../runtime/rng.js';

/** Starts wasm with netc's kernels and leaves cpu current; for `test.before`. */
export async function startWasmForTests(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const problem = await startWasm();
  if (problem) throw new Error(`wasm backend: ${problem}`);
}

export const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Seeded uniform values in [low, high) for a tensor of `shape`. */
export function seededValues(shape: number[], seed: number, low = -1, high = 1): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: sizeOf(shape) }, () => rng.uniform(low, high));
}
