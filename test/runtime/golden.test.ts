// netc computes the same function as PyTorch: D2L's LeNet and BNLeNet with PyTorch-made weights, eval mode.
import test from 'ava';
import { readFileSync } from 'node:fs';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { renameByMap, renameByOrder, tensorsFromJson } from '../../runtime/weight_import.js';
import { compileFile } from '../helpers/files.js';
import { evalContext } from '../../runtime/forward_context.js';
import { useCpu } from '../helpers/tf.js';

const golden = (name: string) => JSON.parse(readFileSync(`../shared/golden/${name}`, 'utf8'));

test.before(useCpu);

async function outputs(file: string, weights: ReturnType<typeof tensorsFromJson>, map: Record<string, string> | 'order', input: { shape: number[]; data: number[] }) {
  const ir = compileFile(file).ir!;
  const model = Model.create(ir, new Rng(0));
  model.importWeights(map === 'order' ? renameByOrder(weights, model) : renameByMap(weights, map));
  const [n, c, h, w] = input.shape;
  const x = tf.tidy(() => tf.transpose(tf.tensor4d(input.data, [n, c, h, w]), [0, 2, 3, 1]));
  const y = tf.tidy(() => model.forward(x, evalContext()));
  const data = await y.data();
  tf.dispose([x, y]);
  model.dispose();
  return data;
}

function maxDiff(a: ArrayLike<number>, b: number[]): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

test('LeNet matches PyTorch to 1e-5 (weights renamed with a name map)', async (t) => {
  const g = golden('golden_lenet.json');
  const map = { '0': 'conv1', '3': 'conv2', '7': 'dense1', '9': 'dense2', '11': 'dense3' };
  const y = await outputs('networks/lenet.net', tensorsFromJson(g.weights, 'golden'), map, g.input);
  t.is(y.length, 40);
  t.true(maxDiff(y, g.output.data) < 1e-5, `max diff ${maxDiff(y, g.output.data)}`);
});

test('LeNet-BN matches PyTorch to 1e-5 (weights renamed by order)', async (t) => {
  const g = golden('golden_lenet_bn.json');
  const y = await outputs('networks/lenet_bn.net', tensorsFromJson(g.weights, 'golden'), 'order', g.input);
  t.true(maxDiff(y, g.output.data) < 1e-5, `max diff ${maxDiff(y, g.output.data)}`);
});

test('LeNet-BN with non-trivial running statistics matches PyTorch to 1e-5', async (t) => {
  const base = golden('golden_lenet_bn.json');
  const g = golden('golden_lenet_bn_bnstats.json');
  const weights = { ...base.weights, ...g.overrides };
  const y = await outputs('networks/lenet_bn.net', tensorsFromJson(weights, 'golden'), 'order', g.input);
  t.true(maxDiff(y, g.output.data) < 1e-5, `max diff ${maxDiff(y, g.output.data)}`);
});
