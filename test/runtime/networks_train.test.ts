// The seed's 28×28 networks train for real on small subsets (wasm): finite losses that fall, no leaks.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../runtime/tfjs.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { train } from '../../runtime/train/trainer.js';
import { defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { loadDataset } from '../../runtime/data/dataset.js';
import { planInput } from '../../runtime/data/input_fit.js';
import { compileFile } from '../helpers/files.js';

test.before(async () => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
});

/** [file, network, args, images, batch]: subsets small enough for the suite (ResNeXt's 32 groups are slow on wasm). */
const cases: [string, string, Record<string, number>, number, number][] = [
  ['networks/resnet18.net', 'ResNet18', { size: 28 }, 128, 32],
  ['networks/se_resnet18.net', 'SEResNet18', {}, 64, 32],
  ['networks/shufflenet.net', 'ShuffleNet', {}, 128, 32],
  ['networks/resnext.net', 'ResNeXt', {}, 32, 8],
  ['networks/mobilenet_v2.net', 'MobileNetV2', { channels: 1, size: 28, classes: 10 }, 128, 32],
  ['networks/efficientnet_b0.net', 'EfficientNetB0', { channels: 1, size: 28, classes: 10 }, 128, 32],
  ['networks/convnext_t.net', 'ConvNeXtT', { channels: 1, size: 28, classes: 10, patch: 2 }, 64, 16],
];

for (const [file, network, args, images, batch] of cases) {
  test.serial(`${network} at 28×28 trains on ${images} images: the loss falls, nothing leaks`, async (t) => {
    const ir = compileFile(file, { network, args }).ir!;
    const data = loadDataset({ limit: images, testLimit: 32 });
    const before = tf.memory().numTensors;
    const result = await train({
      ir,
      data,
      plan: planInput(ir.network, ir.input, data.train.shape, undefined),
      epochs: 2,
      batch,
      schedule: { kind: 'constant', lr: 0.001, epochs: 2, stepSize: 1, gamma: 1 },
      optimizer: defaultOptimizerConfig('adam'),
      seed: 0,
      runDir: mkdtempSync(join(tmpdir(), 'netc-net-')),
      syncEvery: 2,
      progress: { step: () => {}, epoch: () => {}, line: () => {} },
    });
    t.is(tf.memory().numTensors, before);
    const losses = result.history.map((h) => h.trainLoss);
    t.true(losses.every(Number.isFinite), `losses ${losses}`);
    t.true(losses[1] < losses[0], `losses ${losses}`);
  });
}
