// TrainingSession, the loop a page runs (and the CLI's train runs on), in Node on wasm with real Fashion-MNIST:
// datasetFromIdx matches loadDataset on the same files; the loss falls; no step leaks a tensor; pause, resume and
// stop act between steps; exportSafetensors' file evaluates in `netc eval` to the session's own test accuracy.
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tf from '../../../runtime/tfjs.js';
import { startWasm } from '../../../runtime/backends/wasm/node.js';
import { TrainingSession, type SessionConfig, type SessionStep } from '../../../runtime/train/training_session.js';
import { datasetFromIdx, type IdxFiles } from '../../../runtime/data/idx_dataset.js';
import { gunzip } from '../../../runtime/data/gunzip_stream.js';
import { loadDataset, defaultDataDir } from '../../../runtime/data/dataset.js';
import { defaultOptimizerConfig } from '../../../runtime/train/optimizer.js';
import { fashionMnistNormalization } from '../../../runtime/data/normalization.js';
import { memoryTrialStore } from '../../../runtime/trial_store.js';
import { compileFile } from '../../helpers/files.js';
import { idxBytes } from '../../helpers/idx_files.js';
import { lastJson, netc } from '../../helpers/cli.js';

const [TRAIN, TEST] = [2000, 500];

/** The first `count` records of a Debian Fashion-MNIST IDX file, as IDX bytes (gunzipped). */
function subset(file: string, count: number): Buffer {
  const bytes = gunzipSync(readFileSync(join(defaultDataDir, file)));
  const rank = bytes[3];
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const record = dims.slice(1).reduce((a, b) => a * b, 1);
  return idxBytes([count, ...dims.slice(1)], bytes.subarray(4 + 4 * rank, 4 + 4 * rank + count * record));
}

let files: IdxFiles;
/** The same subset as Debian-layout .gz files, for loadDataset and `netc eval --data`. */
let dataDir: string;

test.before(async (t) => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
  t.true(existsSync(defaultDataDir), `Fashion-MNIST must be installed at ${defaultDataDir} (Debian's dataset-fashion-mnist)`);
  files = {
    trainImages: subset('train-images-idx3-ubyte.gz', TRAIN),
    trainLabels: subset('train-labels-idx1-ubyte.gz', TRAIN),
    testImages: subset('t10k-images-idx3-ubyte.gz', TEST),
    testLabels: subset('t10k-labels-idx1-ubyte.gz', TEST),
  };
  dataDir = join(mkdtempSync(join(tmpdir(), 'netc-session-')), 'fashion-mnist');
  mkdirSync(dataDir);
  const names: [keyof IdxFiles, string][] = [['trainImages', 'train-images-idx3-ubyte'], ['trainLabels', 'train-labels-idx1-ubyte'], ['testImages', 't10k-images-idx3-ubyte'], ['testLabels', 't10k-labels-idx1-ubyte']];
  for (const [key, name] of names) writeFileSync(join(dataDir, `${name}.gz`), gzipSync(files[key]));
});

function config(overrides: Partial<SessionConfig> = {}): SessionConfig {
  const ir = compileFile('networks/lenet.net').ir!;
  return {
    ir,
    data: datasetFromIdx(files, 'fashion-mnist'),
    epochs: 3,
    batch: 32,
    schedule: { kind: 'constant', lr: 0.002, epochs: 3, stepSize: 1, gamma: 1 },
    optimizer: defaultOptimizerConfig('adam'),
    seed: 0,
    syncEvery: 1,
    normalization: fashionMnistNormalization,
    trialStore: memoryTrialStore(),
    ...overrides,
  };
}

test('datasetFromIdx gives the Dataset loadDataset reads from the same files (and names its errors)', (t) => {
  const fromBytes = datasetFromIdx(files, 'fashion-mnist');
  const fromFiles = loadDataset({ dir: dataDir });
  t.deepEqual({ ...fromBytes, dir: '' }, { ...fromFiles, dir: '' });
  t.is(fromBytes.train.count, TRAIN);
  t.is(fromBytes.test.count, TEST);
  t.is(fromBytes.classNames[9], 'ankle boot');
  t.throws(() => datasetFromIdx({ ...files, testLabels: files.trainLabels }, 'fashion-mnist'), { message: `fashion-mnist/t10k-images-idx3-ubyte holds ${TEST} images but fashion-mnist/t10k-labels-idx1-ubyte holds ${TRAIN} labels` });
  t.throws(() => datasetFromIdx({ ...files, trainImages: files.trainImages.subarray(0, 100) }, 'fashion-mnist'), { message: /^fashion-mnist\/train-images-idx3-ubyte: truncated/ });
});

test('gunzip (DecompressionStream, as a page inflates the fetched files) gives zlib\'s bytes', async (t) => {
  const gz = readFileSync(join(dataDir, 't10k-images-idx3-ubyte.gz'));
  t.deepEqual(await gunzip(gz), new Uint8Array(gunzipSync(gz)));
  await t.throwsAsync(() => gunzip(gz.subarray(0, 100)));
});

test.serial('LeNet trains in a session: the loss falls, numTensors is unchanged per step, and its export evaluates alike in netc eval', async (t) => {
  const before = tf.memory().numTensors;
  const session = await TrainingSession.create(config());
  const steps: SessionStep[] = [];
  const tensors: number[] = [];
  const epochs: number[] = [];
  t.is(session.state, 'idle');
  const result = await session.run({
    onStep: (p) => {
      steps.push(p);
      tensors.push(tf.memory().numTensors);
    },
    onEpoch: (m, evaluation) => {
      epochs.push(m.epoch);
      t.is(m.testAccuracy, evaluation.accuracy);
      t.is(evaluation.confusion.flat().reduce((a, b) => a + b, 0), TEST);
    },
  });
  t.is(session.state, 'done');
  t.false(result.stopped);
  t.deepEqual(epochs, [1, 2, 3]);
  t.is(steps.length, 3 * Math.ceil(TRAIN / 32), 'one report per step with syncEvery 1');
  t.deepEqual([...new Set(tensors)], [tensors[0]], `numTensors per step: ${[...new Set(tensors)].join(', ')}`);
  const [first, last] = [result.history[0], result.history[2]];
  t.true(last.trainLoss < first.trainLoss - 0.5, `loss ${first.trainLoss} -> ${last.trainLoss}`);
  const evaluation = await session.evaluate();
  t.true(evaluation.accuracy > 0.4, `test accuracy ${evaluation.accuracy} (chance: 0.1)`);
  t.is(evaluation.accuracy, last.testAccuracy);
  const top = await session.classify(Float32Array.from(files.testImages.subarray(16, 16 + 784), (v) => v / 255));
  t.is(top.length, 3);
  t.true(top[0].probability >= top[1].probability && top[1].probability >= top[2].probability);
  t.true(top.some((p) => p.class === 'ankle boot'), `the first test image, an ankle boot, is in the top 3: ${top.map((p) => p.class).join(', ')}`);

  // The downloaded file: netc eval reads it with the same data and gets the same accuracy.
  const weights = join(mkdtempSync(join(tmpdir(), 'netc-session-weights-')), 'lenet.safetensors');
  writeFileSync(weights, await session.exportSafetensors());
  const run = netc('eval', 'networks/lenet.net', '--weights', weights, '--data', dataDir, '--backend', 'wasm', '--json');
  t.is(run.code, 0, run.stderr);
  const cli = lastJson(run.stdout) as { testAccuracy: number; count: number; confusion: number[][] };
  t.is(cli.count, TEST);
  t.true(Math.abs(cli.testAccuracy - evaluation.accuracy) <= 0.005, `netc eval ${cli.testAccuracy}, session ${evaluation.accuracy}`);
  t.deepEqual(cli.confusion, evaluation.confusion);
  t.log(`train loss ${first.trainLoss.toFixed(3)} -> ${last.trainLoss.toFixed(3)}; test accuracy: session ${evaluation.accuracy}, netc eval ${cli.testAccuracy}; ${tensors[0]} tensors every step`);

  // And the file loads back into a fresh session (as a page loads a CLI run's weights).
  const fresh = await TrainingSession.create(config());
  t.not((await fresh.evaluate()).accuracy, evaluation.accuracy);
  fresh.importWeights(readFileSync(weights), 'lenet.safetensors');
  t.deepEqual(await fresh.evaluate(), evaluation);
  const other = await TrainingSession.create(config({ ir: compileFile('networks/lenet_bn.net').ir! }));
  t.throws(() => other.importWeights(readFileSync(weights), 'lenet.safetensors'), { message: /^lenet\.safetensors: these weights belong to LeNet/ });
  for (const s of [session, fresh, other]) s.dispose();
  t.is(tf.memory().numTensors, before, 'sessions leave no tensors behind once disposed');
});

test.serial('pause, resume and stop take effect between steps', async (t) => {
  const before = tf.memory().numTensors;
  const session = await TrainingSession.create(config({ epochs: 2 }));
  const seen: number[] = [];
  let pausedAt = -1;
  const result = await session.run({
    onStep: (p) => {
      seen.push(p.step);
      if (p.step === 3) {
        session.pause();
        t.is(session.state, 'paused');
        pausedAt = seen.length;
        // No step runs while paused: after 150 ms, still the same count; then resume.
        setTimeout(() => {
          t.is(seen.length, pausedAt, 'no step while paused');
          session.resume();
          t.is(session.state, 'running');
        }, 150);
      }
      if (p.step === 7) session.stop();
    },
  });
  t.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7], 'stop() ends the run after the current step');
  t.true(result.stopped);
  t.is(session.state, 'stopped');
  t.deepEqual(result.history, [], 'a partial epoch is not reported');
  await t.throwsAsync(() => session.run(), { message: /the session is stopped; run it once/ });
  session.dispose();
  t.is(tf.memory().numTensors, before);
});
