// eval and predict take the run's data settings (normalization, resize, classes) from the checkpoint itself
// when --weights names a model.safetensors without its run directory's data.json: a model trained with
// --normalize auto evaluates at the accuracy train reported, and predicts with the same mean and std.
import test from 'ava';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastJson } from '../helpers/cli.js';
import { netcAsync, scratch, writeTinyNet } from '../helpers/checkpoint_runs.js';

const work = scratch('netc-settings-');
const net = writeTinyNet(work);
const run = join(work, 'run');
const alone = join(work, 'alone'); // the checkpoint copied on its own, as one would send it to someone
const testLimit = ['--test-limit', '500'];
let trained: { testAccuracy: number };

test.before(async () => {
  const r = await netcAsync('train', net, '--backend', 'cpu', '--limit', '2048', ...testLimit, '--batch', '64', '--epochs', '1', '--lr', '0.1', '--normalize', 'auto', '--out', run, '--json');
  if (r.code !== 0) throw new Error(r.stderr);
  trained = lastJson(r.stdout);
  mkdirSync(alone);
  copyFileSync(join(run, 'model.safetensors'), join(alone, 'model.safetensors'));
});

test('eval of a --normalize auto checkpoint without data.json reproduces the accuracy train reported, without --normalize', async (t) => {
  for (const weights of [run, alone, join(alone, 'model.safetensors')]) {
    const r = await netcAsync('eval', net, '--weights', weights, '--backend', 'cpu', ...testLimit, '--json');
    t.is(r.code, 0, r.stderr);
    t.is(lastJson(r.stdout).testAccuracy, trained.testAccuracy, weights);
  }
  // Evaluating without the statistics gives another number: the normalization is what makes them agree.
  const raw = await netcAsync('eval', net, '--weights', alone, '--backend', 'cpu', ...testLimit, '--normalize', 'none', '--json');
  t.is(raw.code, 0, raw.stderr);
  t.not(lastJson(raw.stdout).testAccuracy, trained.testAccuracy);
});

test("predict with the checkpoint alone applies the run's mean and std, as with its run directory", async (t) => {
  const images = [0, 90, 200].map((v) => {
    const path = join(work, `gray-${v}.pgm`);
    writeFileSync(path, Buffer.concat([Buffer.from('P5 28 28 255\n'), Buffer.from(Array.from({ length: 784 }, (_, i) => (v + (i % 28) * 3) % 256))]));
    return path;
  });
  const predict = async (weights: string, ...more: string[]) => {
    const r = await netcAsync('predict', net, '--weights', weights, ...images, '--backend', 'cpu', '--json', ...more);
    t.is(r.code, 0, r.stderr);
    return lastJson(r.stdout).results.map((x: { predictions: unknown }) => x.predictions);
  };
  const withRun = await predict(run);
  t.deepEqual(await predict(alone), withRun);
  t.deepEqual(await predict(join(alone, 'model.safetensors')), withRun);
  t.notDeepEqual(await predict(alone, '--normalize', 'none'), withRun, 'the mean and std change the probabilities');
});
