// Runs every layer case on a second backend and on cpu, eval and (where the case says) training, and
// compares outputs and gradients: how the wasm and WebGPU test files check each registry layer.
import type { ExecutionContext } from 'ava';
import { onBackend } from './webgpu.js';
import { type LayerCase } from './layer_cases.js';
import { compareNamed, prepareCase, tfjsResults } from './layer_check.js';

export async function caseOn(backend: 'cpu' | 'wasm' | 'webgpu', c: LayerCase, training: boolean) {
  return onBackend(backend, async () => {
    const run = prepareCase(c);
    try {
      return await tfjsResults(run, training);
    } finally {
      run.model.dispose();
    }
  });
}

/** Asserts `backend` gives cpu's results for the case within `tolerance` (scaled), and leaks nothing. */
export async function assertMatchesCpu(t: ExecutionContext, backend: 'wasm' | 'webgpu', c: LayerCase, training: boolean, tolerance: number): Promise<void> {
  const want = await caseOn('cpu', c, training);
  const got = await caseOn(backend, c, training);
  t.deepEqual(compareNamed(want.results, got.results, tolerance), []);
  t.is(got.leaked, 0);
}
