// Test helpers for netc's direct conv kernels on WebGPU and wasm: a model whose convs take the direct form,
// one conv layer's forward and gradients compared with cpu, and one LeNet SGD step.
import type { ExecutionContext } from 'ava';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { trainingContext } from '../../runtime/forward_context.js';
import { crossEntropy } from '../../runtime/train/loss.js';
import type { TrialResult } from '../../runtime/lowering_trials.js';
import { compileFile } from './files.js';
import { compareResults, forwardAndGrads, onBackend, type Results, seededUniform as uniform } from './webgpu.js';

type DirectBackend = 'webgpu' | 'wasm';

/** A model whose every conv takes the direct form on `backend` (as a measured trial would decide). */
export function directModel(ir: Ir, seed: number, backend: DirectBackend): Model {
  const model = Model.create(ir, new Rng(seed));
  const trial: TrialResult = { choice: 'direct', ms: { conv2d: 2, direct: 1 }, cached: true };
  const trials = new Map(ir.nodes.filter((n) => n.op === 'conv').map((n) => [n.name, trial]));
  (model as unknown as { trials: Map<string, Map<string, TrialResult>> }).trials.set(backend, trials);
  return model;
}

/** A one-conv network's output and gradients on `backend` (conv direct) agree with cpu; nothing leaks. */
export async function assertDirectConvMatchesCpu(t: ExecutionContext, backend: DirectBackend, ir: Ir, training: boolean, batch: number, tolerance?: number): Promise<void> {
  let direct: string[] = [];
  const makeModel = () => {
    const model = directModel(ir, 7, backend);
    direct = [...model.plan(training ? 'train' : 'eval').choices].filter(([, c]) => c.direct).map(([name]) => name);
    return model;
  };
  const want = await forwardAndGrads('cpu', ir, training, batch, makeModel);
  const got = await forwardAndGrads(backend, ir, training, batch, makeModel);
  t.deepEqual(direct, ['conv1'], `the plan runs the conv on the direct kernels (${backend}, the last run)`);
  t.is(got.leaked, 0, `tensors left on ${backend}`);
  for (const [name, values] of want.results) t.true(values.some((v) => v !== 0), `${name} is all zeros on cpu`);
  const { failures, worst } = compareResults(want.results, got.results, tolerance);
  t.log(`worst: ${worst.name} ${worst.error.toExponential(2)} (scaled)`);
  t.deepEqual(failures, []);
}

/** One LeNet SGD step at `batch` (both convs direct on `backend`): loss and gradients; the tensor count is unchanged. */
async function lenetStep(backend: 'cpu' | DirectBackend, direct: DirectBackend, batch: number): Promise<{ results: Results; leaked: number }> {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const model = directModel(compileFile('networks/lenet.net').ir!, 3, direct);
    const rng = new Rng(5);
    const x = tf.tensor(uniform(rng, batch * 28 * 28, 0, 1), [batch, 28, 28, 1]);
    const labels = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(10)), 'int32');
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x, trainingContext(new Rng(1), tf.keep, [])), labels), model.trainableVariables);
    const results: Results = new Map([['loss', (await value.data()) as Float32Array]]);
    for (const p of model.params) results.set(`grad ${p.param.name}`, (await grads[p.variable.name].data()) as Float32Array);
    tf.dispose([x, labels, value, ...Object.values(grads)]);
    model.dispose();
    return { results, leaked: tf.memory().numTensors - before };
  });
}

/** One LeNet step on direct convs on `backend` gives cpu's loss and gradients, and leaks nothing. */
export async function assertLenetStepMatchesCpu(t: ExecutionContext, backend: DirectBackend, batch: number, tolerance?: number): Promise<void> {
  const want = await lenetStep('cpu', backend, batch);
  const got = await lenetStep(backend, backend, batch);
  t.is(got.leaked, 0);
  const { failures, worst } = compareResults(want.results, got.results, tolerance);
  t.log(`worst: ${worst.name} ${worst.error.toExponential(2)} (scaled)`);
  t.deepEqual(failures, []);
}
