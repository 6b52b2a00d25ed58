// In the page: every registry layer case (test/helpers/layer_cases.ts) on a backend and on cpu at a given
// batch, eval and training, output and every gradient compared as the Node suite compares them
// (layer_check.compareNamed, the same tolerance), and tensors counted so a leak fails the case.
import * as tf from '../../../runtime/tfjs.js';
import { Model } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { toTorch } from '../../../runtime/layout.js';
import { type BatchStats, evalContext, trainingContext } from '../../../runtime/forward_context.js';
import { compile } from '../../../compiler/compile.js';
import { caseSource, layerCases, type LayerCase } from '../../helpers/layer_cases.js';
import type { CaseEntry } from './case_entries.js';
import { compareNamed, randomizeParams, toNchw, type Named } from '../../helpers/layer_check.js';

export interface OpResult {
  op: string;
  label: string;
  training: boolean;
  /** Empty when every named result agrees with cpu within the tolerance. */
  failures: string[];
  leaked: number;
  ms: number;
}

const nhwcShape = (batch: number, shape: number[]) => (shape.length === 3 ? [batch, shape[1], shape[2], shape[0]] : [batch, ...shape]);

/** The case's output, Σ y·R and its gradients (PyTorch layout) on the current backend, from seeded values. */
async function caseResults(c: LayerCase, batch: number, training: boolean): Promise<{ results: Named; leaked: number }> {
  const ir = compile(caseSource(c)).ir!;
  const rng = new Rng(5);
  const model = Model.create(ir, rng);
  randomizeParams(model, rng);
  const range = c.range ?? 2;
  const input = Float32Array.from({ length: batch * ir.input.reduce((a, b) => a * b, 1) }, () => rng.uniform(-range, range));
  const outShape = ir.nodes.find((n) => n.name === ir.output)!.shape;
  const weights = Float32Array.from({ length: batch * outShape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
  const before = tf.memory().numTensors;
  const initial = tf.tensor(input, nhwcShape(batch, ir.input));
  const x = tf.variable(initial, true);
  initial.dispose();
  const stats: BatchStats[] = [];
  const ctx = training ? trainingContext(new Rng(13), tf.keep, stats) : evalContext();
  let output: tf.Tensor | undefined;
  const trainable = model.params.filter((p) => p.param.trainable);
  const { value, grads } = tf.variableGrads(() => {
    const y = model.forward(x, ctx);
    output = tf.keep(y);
    return tf.sum(tf.mul(y, tf.tensor(weights, y.shape)));
  }, [x, ...trainable.map((p) => p.variable)]);
  const results: Named = new Map();
  results.set('output', toNchw((await output!.data()) as Float32Array, output!.shape));
  results.set('weighted sum', Float64Array.from(await value.data()));
  results.set('grad input', toNchw((await grads[x.name].data()) as Float32Array, x.shape));
  for (const p of trainable) {
    const g = (await grads[p.variable.name].data()) as Float32Array;
    results.set(`grad ${p.param.name}`, Float64Array.from(toTorch(p.layout, p.param.shape, g, p.channels)));
  }
  tf.dispose([x, output!, value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  return { results, leaked };
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
