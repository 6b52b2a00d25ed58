// Fine-tuning end to end on wasm: --init-from copies by name and shape with a report, frozen layers stay
// exactly as they were (and frozen batchnorm keeps its running statistics), unfreezing takes effect, the lr
// multipliers reach the optimizer, and a run with all of these resumes exactly.
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../runtime/tfjs.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { train, type TrainConfig } from '../../runtime/train/trainer.js';
import { defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { loadDataset, defaultDataDir } from '../../runtime/data/dataset.js';
import { planInput } from '../../runtime/data/input_fit.js';
import { readCheckpoint } from '../../runtime/io/checkpoint.js';
import { Model, type TorchWeights } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { initFrom, describeLoadReport } from '../../runtime/init_from.js';
import { WeightError } from '../../runtime/errors.js';
import type { Progress } from '../../runtime/train/progress.js';
import { mustCompile } from '../helpers/files.js';

const quiet: Progress = { step: () => {}, epoch: () => {}, line: () => {} };
const scratch = () => mkdtempSync(join(tmpdir(), 'netc-ft-'));

const source = `
network Small(classes = 10) {
  input [1, 28, 28]
  features: { conv(6, kernel: 5, pad: 2); batchnorm; relu; maxpool(2); conv(8, kernel: 5); batchnorm; relu; maxpool(2) }
  flatten
  hidden: dense(32); relu
  head: dense(classes)
}
network Five extends Small(classes = 5) {
  head: dense(classes)
  freeze features
  train head (lr: 10)
}
network FiveBatchStats extends Small(classes = 5) {
  head: dense(classes)
  freeze features (batchnorm: "batch")
}`;

test.before(async (t) => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
  t.true(existsSync(defaultDataDir), `Fashion-MNIST must be installed at ${defaultDataDir}`);
});

const data = loadDataset({ limit: 512, testLimit: 200 });
/** Labels 0–4 only, as a 5-class target task would have. */
const fiveClassData = () => {
  const d = loadDataset({ limit: 512, testLimit: 200 });
  for (const split of [d.train, d.test]) split.labels.forEach((l, i) => (split.labels[i] = l % 5));
  return d;
};

function config(network: string, overrides: Partial<TrainConfig> = {}): TrainConfig {
  const ir = mustCompile(source, { network });
  const d = ir.nodes.find((n) => n.name === 'head')!.shape[0] === 5 ? fiveClassData() : data;
  return {
    ir,
    data: d,
    plan: planInput(ir.network, ir.input, d.train.shape, undefined),
    epochs: 1,
    batch: 128,
    schedule: { kind: 'constant', lr: 0.05, epochs: 1, stepSize: 1, gamma: 1 },
    optimizer: defaultOptimizerConfig('momentum'),
    seed: 3,
    runDir: scratch(),
    syncEvery: 4,
    progress: quiet,
    ...overrides,
  };
}

let pretrained: { dir: string; weights: TorchWeights } | undefined;
async function pretrain(): Promise<{ dir: string; weights: TorchWeights }> {
  if (!pretrained) {
    const c = config('Small');
    await train(c);
    pretrained = { dir: c.runDir, weights: readCheckpoint(c.runDir).weights };
  }
  return pretrained;
}

const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

test.serial('a frozen feature extractor (with fixed batchnorm statistics) stays bit-identical; the new head learns', async (t) => {
  const source = await pretrain();
  const before = tf.memory().numTensors;
  const c = config('Five', { initFrom: { weights: source.weights, source: source.dir }, epochs: 2 });
  const result = await train(c);
  t.is(tf.memory().numTensors, before, 'no tensor leaks');
  const after = readCheckpoint(c.runDir).weights;
  for (const name of ['features.conv1.weight', 'features.batchnorm1.weight', 'features.batchnorm1.running_mean', 'features.batchnorm2.running_var', 'features.conv2.bias']) {
    t.true(same(after.get(name)!.data, source.weights.get(name)!.data), `${name} unchanged`);
  }
  t.false(same(after.get('hidden.weight')!.data, source.weights.get('hidden.weight')!.data), 'hidden trains');
  t.deepEqual(after.get('head.weight')!.shape, [5, 32]);
  t.truthy(result.initReport);
  t.deepEqual(result.initReport!.initialized.map((i) => [i.name, i.reason]), [['head.weight', 'declared new'], ['head.bias', 'declared new']]);
  t.deepEqual(result.initReport!.mismatched.map((m) => [m.name, m.sourceShape, m.shape]), [['head.weight', [10, 32], [5, 32]], ['head.bias', [10], [5]]]);
  t.is(result.initReport!.copied.length, 14);
  t.deepEqual(result.initReport!.unused, []);
  t.deepEqual(JSON.parse(readFileSync(join(c.runDir, 'init_report.json'), 'utf8')).copied, result.initReport!.copied);
  t.true(result.history[1].testAccuracy > 0.3, `5-class accuracy ${result.history[1].testAccuracy}`);
});

test.serial('frozen with batchnorm: "batch" keeps weights fixed but moves the running statistics, as PyTorch does', async (t) => {
  const source = await pretrain();
  const c = config('FiveBatchStats', { initFrom: { weights: source.weights, source: source.dir } });
  await train(c);
  const after = readCheckpoint(c.runDir).weights;
  t.true(same(after.get('features.conv1.weight')!.data, source.weights.get('features.conv1.weight')!.data));
  t.true(same(after.get('features.batchnorm1.weight')!.data, source.weights.get('features.batchnorm1.weight')!.data));
  t.false(same(after.get('features.batchnorm1.running_mean')!.data, source.weights.get('features.batchnorm1.running_mean')!.data));
});

test.serial('--unfreeze-after 1: the feature extractor trains from the second epoch on', async (t) => {
  const source = await pretrain();
  const one = config('Five', { initFrom: { weights: source.weights, source: source.dir }, epochs: 1, unfreezeAfter: 1 });
  await train(one);
  t.true(same(readCheckpoint(one.runDir).weights.get('features.conv1.weight')!.data, source.weights.get('features.conv1.weight')!.data), 'epoch 1: frozen');
  const lines: string[] = [];
  const two = config('Five', { initFrom: { weights: source.weights, source: source.dir }, epochs: 2, unfreezeAfter: 1, progress: { ...quiet, line: (l) => lines.push(l) } });
  await train(two);
  t.false(same(readCheckpoint(two.runDir).weights.get('features.conv1.weight')!.data, source.weights.get('features.conv1.weight')!.data), 'epoch 2: trains');
  t.true(lines.some((l) => /unfreezing every layer/.test(l)));
});

test.serial('a fine-tuning run (init, freeze, lr ×10, unfreeze after 1, adam) resumes to the same numbers', async (t) => {
  const pre = await pretrain();
  const common = { initFrom: { weights: pre.weights, source: pre.dir }, unfreezeAfter: 1, optimizer: defaultOptimizerConfig('adam'), schedule: { kind: 'constant' as const, lr: 0.002, epochs: 3, stepSize: 1, gamma: 1 } };
  const straight = await train(config('Five', { ...common, epochs: 3 }));
  const dir = scratch();
  await train(config('Five', { ...common, epochs: 2, runDir: dir }));
  const header = readCheckpoint(dir).header;
  t.deepEqual(header.optimizer!.lrMult!.slice(-2), [10, 10], 'the head group is saved');
  t.true(header.optimizer!.steps![0] < header.optimizer!.steps!.at(-1)!, 'frozen parameters updated fewer times');
  const resumed = await train(config('Five', { ...common, epochs: 3, runDir: dir, resume: dir }));
  t.is(resumed.history[2].trainLoss, straight.history[2].trainLoss);
  t.is(resumed.history[2].testAccuracy, straight.history[2].testAccuracy);
  // Changing a rule is a different run: resume refuses it.
  const changed = mustCompile(source.replace('train head (lr: 10)', 'train head (lr: 5)'), { network: 'Five' });
  await t.throwsAsync(train({ ...config('Five', { ...common, epochs: 3, runDir: dir, resume: dir }), ir: changed }), { message: /resume with the same/ });
});

test.serial('init-from errors: a shape mismatch on a layer not declared new points at its line; nothing matching is an error', async (t) => {
  const src = await pretrain();
  const ir = mustCompile(source.replace('head: dense(classes)\n  freeze features', 'freeze features'), { network: 'Five' }); // head no longer replaced
  const model = Model.create(ir, new Rng(0));
  const error = t.throws(() => initFrom(model, src.weights, src.dir), { instanceOf: WeightError });
  t.regex(error!.message, /^input\.net:7:9: 'head\.weight' is \[5, 32\] here but \[10, 32\] in .* \(and 1 more: head\.bias\); declare it new \(`new head` in the network, or --new head\), or rename it$/);
  const renamed: TorchWeights = new Map([...src.weights].map(([k, v]) => [k.replace('features.conv1', 'features.conv_1'), v]));
  const ok = Model.create(mustCompile(source, { network: 'Five' }), new Rng(0));
  const report = initFrom(ok, renamed, 'renamed.safetensors');
  t.deepEqual(report.initialized.filter((i) => i.reason === 'not in the source').map((i) => [i.name, i.suggestion]), [['features.conv1.weight', 'features.conv_1.weight'], ['features.conv1.bias', 'features.conv_1.bias']]);
  t.deepEqual(report.unused, ['features.conv_1.weight', 'features.conv_1.bias']);
  t.regex(describeLoadReport(report, ok).join('\n'), /did you mean features\.conv_1\.weight\?/);
  t.throws(() => initFrom(ok, new Map([['fc.weight', { shape: [2], data: new Float32Array(2) }]]), 'other.safetensors'), { message: /no tensor matches a parameter of Five by name .*--map/ });
  model.dispose();
  ok.dispose();
});

test.serial('every parameter frozen is a clear error before any step', async (t) => {
  const ir = mustCompile('network N { input [1, 28, 28]\nflatten\nhead: dense(10)\nfreeze head }');
  await t.throwsAsync(train({ ...config('Small'), ir }), { message: /every parameter of N is frozen in epoch 1/ });
});
