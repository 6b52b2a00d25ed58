// In the page: every registry layer case (test/helpers/layer_cases.ts) on a backend and on cpu at a given
// batch, eval and training, output and every gradient compared as the Node suite compares them
// (layer_check.compareNamed, the same tolerance), and tensors counted so a leak fails the case.
import * as tf from '../../../runtime/tfjs.js';
import { layerCases, type LayerCase } from '../../helpers/layer_cases.js';
import type { CaseEntry } from './case_entries.js';
import { compareNamed, prepareCase, tfjsResults, type Named } from '../../helpers/layer_check.js';

export interface OpResult {
  op: string;
  label: string;
  training: boolean;
  /** Empty when every named result agrees with cpu within the tolerance. */
  failures: string[];
  leaked: number;
  ms: number;
}


/** The case's output, Σ y·R and its gradients (PyTorch layout) on the current backend, from seeded values. */
async function caseResults(c: LayerCase, batch: number, training: boolean): Promise<{ results: Named; leaked: number }> {
  const run = prepareCase(c, 5, batch);
  try {
    return await tfjsResults(run, training);
  } finally {
    run.model.dispose();
  }
}

async function on<T>(backend: string, fn: () => Promise<T>): Promise<T> {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`could not switch to the ${backend} backend`);
  return fn();
}

/** One case on `backend` vs cpu at `batch`; leaves `backend` current. */
export async function compareCase(backend: string, entry: CaseEntry, batch: number, tolerance: number): Promise<OpResult> {
  const c = layerCases[entry.index];
  const start = performance.now();
  const want = await on('cpu', () => caseResults(c, batch, entry.training));
  const got = await on(backend, () => caseResults(c, batch, entry.training));
  return { op: c.op, label: entry.label, training: entry.training, failures: compareNamed(want.results, got.results, tolerance), leaked: got.leaked, ms: performance.now() - start };
}
