// Training end to end on the wasm backend: the loss falls, BN and dropout behave per mode, checkpoints resume
// exactly, divergence stops cleanly, and no step leaks a tensor.
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
import { TrainingDiverged } from '../../runtime/errors.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext, trainingContext, type BatchStats } from '../../runtime/forward_context.js';
import { evaluate } from '../../runtime/evaluate_model.js';
import { classify } from '../../runtime/predict.js';
import type { Progress } from '../../runtime/train/progress.js';
import { compileFile, mustCompile } from '../helpers/files.js';

const quiet: Progress = { step: () => {}, epoch: () => {}, line: () => {} };
const scratch = () => mkdtempSync(join(tmpdir(), 'netc-run-'));

test.before(async (t) => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
  t.true(existsSync(defaultDataDir), `Fashion-MNIST must be installed at ${defaultDataDir} (Debian's dataset-fashion-mnist)`);
});

function config(file: string, overrides: Partial<TrainConfig> = {}, limit = 2000): TrainConfig {
  const ir = file.endsWith('.net') ? compileFile(file).ir! : mustCompile(file);
  const data = loadDataset({ limit, testLimit: 500 });
  return {
    ir,
    data,
    plan: planInput(ir.network, ir.input, data.train.shape, undefined),
    epochs: 3,
    batch: 128,
    schedule: { kind: 'constant', lr: 0.003, epochs: 3, stepSize: 1, gamma: 0.1 },
    optimizer: defaultOptimizerConfig('adam'),
    seed: 0,
    runDir: scratch(),
    syncEvery: 4,
    progress: quiet,
    ...overrides,
  };
}

test.serial('LeNet on 2,000 Fashion-MNIST images: the loss falls and test accuracy beats chance; no tensor leaks', async (t) => {
  const before = tf.memory().numTensors;
  // Sigmoid LeNet sits at ln 10 for a while before it learns (PyTorch too: 2.33, 2.30, 1.71, 1.19, 1.03 here).
  const c = config('networks/lenet.net', { epochs: 5, batch: 32, schedule: { kind: 'constant', lr: 0.002, epochs: 5, stepSize: 1, gamma: 1 } });
  const result = await train(c);
  t.is(tf.memory().numTensors, before, 'training leaves no tensors behind');
  const first = result.history[0];
  const last = result.history[4];
  t.true(last.trainLoss < first.trainLoss - 0.8, `loss ${first.trainLoss} -> ${last.trainLoss}`);
  t.true(last.testAccuracy > 0.45, `test accuracy ${last.testAccuracy}`);
  const lines = readFileSync(join(c.runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.deepEqual(lines.map((l) => l.epoch), [1, 2, 3, 4, 5]);
  t.regex(readFileSync(join(c.runDir, 'curves.svg'), 'utf8'), /<svg[\s\S]*train loss[\s\S]*test acc[\s\S]*<\/svg>/);
  const ckpt = readCheckpoint(c.runDir);
  t.is(ckpt.header.epoch, 5);
  t.is(ckpt.weights.get('conv1.weight')!.shape.join(), '6,1,5,5');
  t.true(ckpt.slots.has('m/conv1.weight'));
});

test.serial('resuming from a checkpoint gives the next epoch exactly as an uninterrupted run', async (t) => {
  const plain = await train(config('networks/lenet_bn.net', { epochs: 2, optimizer: defaultOptimizerConfig('momentum'), schedule: { kind: 'cosine', lr: 0.1, epochs: 2, stepSize: 1, gamma: 0.1 } }, 1000));
  const dir = scratch();
  await train(config('networks/lenet_bn.net', { epochs: 1, runDir: dir, optimizer: defaultOptimizerConfig('momentum'), schedule: { kind: 'cosine', lr: 0.1, epochs: 2, stepSize: 1, gamma: 0.1 } }, 1000));
  const resumed = await train(config('networks/lenet_bn.net', { epochs: 2, runDir: dir, resume: dir, optimizer: defaultOptimizerConfig('momentum'), schedule: { kind: 'cosine', lr: 0.1, epochs: 2, stepSize: 1, gamma: 0.1 } }, 1000));
  t.is(resumed.history.length, 2);
  t.is(resumed.history[1].trainLoss, plain.history[1].trainLoss);
  t.is(resumed.history[1].testAccuracy, plain.history[1].testAccuracy);
});

test.serial('resuming refuses a checkpoint of another network or other settings', async (t) => {
  const dir = scratch();
  await train(config('networks/lenet.net', { epochs: 1, runDir: dir }, 256));
  await t.throwsAsync(train(config('networks/lenet_bn.net', { resume: dir }, 256)), { message: /written by a different network/ });
  await t.throwsAsync(train(config('networks/lenet.net', { resume: dir, batch: 64 }, 256)), { message: /resume with the same data, batch, seed/ });
});

test.serial('a diverging loss stops with where, the lr and a suggestion, keeping the last good checkpoint', async (t) => {
  const linear = 'network Linear { input [1, 28, 28]\n flatten; dense(10) }';
  const sgd = (lr: number, gamma: number) => ({ optimizer: defaultOptimizerConfig('sgd'), schedule: { kind: 'step' as const, lr, epochs: 3, stepSize: 1, gamma } });
  const dir = scratch();
  await train(config(linear, { epochs: 1, runDir: dir, ...sgd(0.1, 1) }, 256));
  const before = tf.memory().numTensors;
  const error = await t.throwsAsync(train(config(linear, { epochs: 3, runDir: dir, resume: dir, ...sgd(0.1, 1e38) }, 256)), { instanceOf: TrainingDiverged });
  t.regex(error!.message, /^the (loss became (NaN|Infinity)|mean loss reached [\d.e+]+) in epoch 2 \(steps 1–2 of 2, lr 1e\+37\)(, past the divergence threshold 23026 [^;]*)?; training stopped and the checkpoint of epoch 1 is kept in .*model\.safetensors\. Try a smaller --lr/);
  t.is(readCheckpoint(dir).header.epoch, 1);
  t.is(tf.memory().numTensors, before, 'a diverged run leaks nothing');
});

test.serial('weights that blow up in an epoch\'s last step are caught before its checkpoint is written; nothing leaks', async (t) => {
  const linear = 'network Linear { input [1, 28, 28]\n flatten; dense(10) }';
  const dir = scratch();
  const before = tf.memory().numTensors;
  // 256 images in one batch: one step per epoch, so the loss read before the update is still finite.
  const blowUp = { epochs: 1, batch: 256, runDir: dir, optimizer: defaultOptimizerConfig('momentum'), schedule: { kind: 'constant' as const, lr: 1e37, epochs: 1, stepSize: 1, gamma: 1 } };
  const error = await t.throwsAsync(train(config(linear, blowUp, 256)), { instanceOf: TrainingDiverged });
  t.regex(error!.message, /^epoch 1 left [\d,]+ of 15,700 weights and optimizer values non-finite or past ±1\.8e\+19 .*no checkpoint was written yet/);
  t.false(existsSync(join(dir, 'model.safetensors')));
  t.is(tf.memory().numTensors, before, 'the check reads weights back without leaking tensors');
});

test.serial('batchnorm uses batch statistics in training and running statistics in eval; dropout only trains', async (t) => {
  const ir = mustCompile('network N { input [2, 4, 4]\n conv(3, kernel: 1); batchnorm\n flatten; dropout(0.5); dense(4) }');
  const model = Model.create(ir, new Rng(5));
  const x = tf.randomUniform([8, 4, 4, 2], 0, 1, 'float32', 7);
  const rng = new Rng(9);
  const run = (training: boolean) => {
    const stats: BatchStats[] = [];
    const y = tf.tidy(() => model.forward(x, training ? trainingContext(rng, tf.keep, stats) : evalContext()));
    return { y, stats };
  };
  const e1 = run(false);
  const e2 = run(false);
  t.deepEqual(await e1.y.data(), await e2.y.data(), 'eval is deterministic');
  const a = run(true);
  const b = run(true);
  t.notDeepEqual(await a.y.data(), await b.y.data(), 'a new dropout mask every training step');
  t.notDeepEqual(await a.y.data(), await e1.y.data());
  t.is(a.stats.length, 1);
  const runningBefore = await model.params.find((p) => p.suffix === 'running_mean')!.variable.data();
  model.applyBatchStats(a.stats);
  const runningAfter = await model.params.find((p) => p.suffix === 'running_mean')!.variable.data();
  t.notDeepEqual(runningAfter, runningBefore, 'training updates the running statistics');
  tf.dispose([e1.y, e2.y, a.y, b.y, x, ...b.stats.flatMap((s) => [s.mean, s.variance])]);
  model.dispose();
});

test.serial('eval leaves no tensors behind and reports a confusion matrix that adds up', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const data = loadDataset({ limit: 10, testLimit: 300 });
  const model = Model.create(ir, new Rng(0));
  const before = tf.memory().numTensors;
  const result = await evaluate(model, data.test, planInput(ir.network, ir.input, data.test.shape, undefined), 128);
  t.is(tf.memory().numTensors, before);
  t.is(result.confusion.flat().reduce((a, b) => a + b, 0), 300);
  t.is(result.accuracy, result.confusion.reduce((a, row, i) => a + row[i], 0) / 300);
  model.dispose();
});

test.serial('predict leaves no tensors behind and ranks classes by probability', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const model = Model.create(ir, new Rng(0));
  const before = tf.memory().numTensors;
  const pixels = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 7) / 7);
  const top = await classify(model, pixels, 2, [1, 28, 28], { flatten: false }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  t.is(tf.memory().numTensors, before);
  t.is(top.length, 2);
  t.is(top[0].length, 3);
  t.true(top[0][0].probability >= top[0][1].probability && top[0][1].probability >= top[0][2].probability);
  t.true(top[0][0].probability > 0 && top[0][0].probability < 1);
  model.dispose();
});
