// train() with issue #15's features on the wasm backend: one-cycle per step and label smoothing resume exactly,
// the run's settings keep the smoothing, the best epoch spans a resume, and --val-split's final test figure.
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../../runtime/tfjs.js';
import { startWasm } from '../../../runtime/backends/wasm/node.js';
import { train, type TrainConfig } from '../../../runtime/train/trainer.js';
import { defaultOptimizerConfig } from '../../../runtime/train/optimizer.js';
import { loadDataset } from '../../../runtime/data/dataset.js';
import { loadData } from '../../../runtime/platform/load_data.js';
import { planInput } from '../../../runtime/data/input_fit.js';
import { learningRate, type Schedule } from '../../../runtime/train/schedule.js';
import { bestEpoch } from '../../../runtime/train/best_epoch.js';
import { stepsPerEpoch } from '../../../runtime/train/training_session.js';
import type { Progress } from '../../../runtime/train/progress.js';
import { compileFile } from '../../helpers/files.js';

const quiet: Progress = { step: () => {}, epoch: () => {}, line: () => {} };
const scratch = () => mkdtempSync(join(tmpdir(), 'netc-features-'));
const LIMIT = 600;
const BATCH = 64;
const onecycle = (epochs: number): Schedule => ({ kind: 'onecycle', lr: 0.2, epochs, stepSize: 1, gamma: 0.1 });

test.before(async () => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
});

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  const ir = compileFile('networks/lenet_bn.net').ir!;
  const data = loadDataset({ limit: LIMIT, testLimit: 200 });
  return {
    ir,
    data,
    plan: planInput(ir.network, ir.input, data.train.shape, undefined),
    epochs: 3,
    batch: BATCH,
    schedule: onecycle(3),
    optimizer: defaultOptimizerConfig('momentum'),
    labelSmoothing: 0.1,
    seed: 0,
    runDir: scratch(),
    syncEvery: 4,
    progress: quiet,
    ...overrides,
  };
}

test.serial('onecycle + label smoothing: a run resumed after epoch 1 continues exactly as an uninterrupted one, best epoch over both parts', async (t) => {
  const before = tf.memory().numTensors;
  const plain = await train(config());
  t.is(tf.memory().numTensors, before, 'training leaves no tensors behind');
  const dir = scratch();
  await train(config({ epochs: 1, runDir: dir }));
  const resumed = await train(config({ runDir: dir, resume: dir }));
  t.deepEqual(resumed.history.map((h) => h.trainLoss), plain.history.map((h) => h.trainLoss));
  t.deepEqual(resumed.history.map((h) => h.testAccuracy), plain.history.map((h) => h.testAccuracy));
  t.deepEqual(resumed.best, bestEpoch(plain.history));
  t.true(resumed.best!.accuracy === Math.max(...plain.history.map((h) => h.testAccuracy)));
  // An epoch record's lr is its last step's rate: the last one is OneCycleLR's final max_lr / 25 / 1e4.
  const steps = stepsPerEpoch(LIMIT, BATCH);
  const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.deepEqual(lines.map((l) => l.epoch), [1, 2, 3]);
  lines.forEach((l, e) => t.is(l.lr, learningRate(onecycle(3), e, steps - 1, steps), `epoch ${e + 1}`));
  t.true(Math.abs(lines[2].lr - 0.2 / 25 / 1e4) < 1e-12);
});

test.serial('label smoothing changes the loss, is kept in the run settings, and a resume with another one is refused', async (t) => {
  const dir = scratch();
  const smoothed = await train(config({ epochs: 1, runDir: dir }));
  const plain = await train(config({ epochs: 1, labelSmoothing: 0 }));
  // Smoothing's target keeps ε of the mass on the other classes: the loss cannot fall as far.
  t.true(smoothed.history[0].trainLoss > plain.history[0].trainLoss, `${smoothed.history[0].trainLoss} vs ${plain.history[0].trainLoss}`);
  await t.throwsAsync(train(config({ epochs: 2, runDir: dir, resume: dir, labelSmoothing: 0.2 })), { message: /resume with the same data, batch, seed.*"labelSmoothing":0\.1.*"labelSmoothing":0\.2/ });
  await t.throwsAsync(train(config({ epochs: 2, runDir: dir, resume: dir, labelSmoothing: 0 })), { message: /"labelSmoothing":0\.1/ });
});

test.serial('--val-split: epochs are evaluated on the held-out images; the final weights once on the whole test split', async (t) => {
  const ir = compileFile('networks/lenet_bn.net').ir!;
  const { data } = loadData({ limit: LIMIT, valSplit: 0.25, seed: 0 }, ir);
  t.is(data.evalSplit, 'validation');
  t.is(data.test.count, 150);
  t.is(data.finalTest?.count, 10000, 'the whole test split is kept aside');
  const result = await train(config({ data, epochs: 2, schedule: onecycle(2) }));
  t.is(result.history.length, 2);
  t.is(typeof result.finalTestAccuracy, 'number');
  // The same weights on images of the same distribution: close to the last validation figure (150 images).
  const last = result.history[1].testAccuracy;
  t.true(Math.abs(result.finalTestAccuracy! - last) < 0.12, `test ${result.finalTestAccuracy} vs validation ${last}`);
  // Without --val-split there is no separate final figure.
  t.is((await train(config({ epochs: 1, schedule: onecycle(1) }))).finalTestAccuracy, undefined);
});
