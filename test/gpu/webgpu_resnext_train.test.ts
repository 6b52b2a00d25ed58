// ResNeXt (networks/resnext.net, 32-group 3×3 convolutions) trains on WebGPU through netc's grouped conv
// kernels: two SGD steps at batch 2 give cpu's losses, dispatch NetcGroupedConv2D and both its backprops,
// and leave the tensor count unchanged. The grouped-conv op (runtime/ops/grouped_conv.ts) registers its
// gradient when it first runs the kernel; without WebGPU this is skipped (failed under CI=1).
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { trainStep } from '../../runtime/train/train_step.js';
import { compileFile } from '../helpers/files.js';
import { onBackend, startWebGpuForTests, webGpuRequired } from '../helpers/webgpu.js';

const BATCH = 2;
const gpu = await startWebGpuForTests();
const skip = !gpu.ready ? `no WebGPU: ${gpu.reason}` : '';
if (skip) console.log(`test/gpu/webgpu_resnext_train: skipping (${skip})`);
const gpuTest = skip ? test.skip : test.serial;

test.serial('WebGPU starts for the ResNeXt test, or says why not (required in CI)', (t) => {
  t.true(gpu.ready || !webGpuRequired(), gpu.ready ? '' : gpu.reason);
});

/** Two SGD steps from the same weights and batch: the losses, the kernels run, the tensors left behind. */
async function twoSteps(backend: 'cpu' | 'webgpu') {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const model = Model.create(compileFile('networks/resnext.net').ir!, new Rng(0));
    const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
    const x = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 1);
    const labels = tf.tensor1d([3, 7], 'int32');
    const rng = new Rng(1);
    const losses: number[] = [];
    const profile = await tf.profile(async () => {
      for (let step = 0; step < 2; step++) {
        const { loss, correct } = trainStep(model, optimizer, () => x, labels, 0.05, rng);
        losses.push((await loss.data())[0]);
        tf.dispose([loss, correct]);
      }
    });
    tf.dispose([x, labels]);
    optimizer.dispose();
    model.dispose();
    return { losses, kernels: new Set(profile.kernelNames), leaked: tf.memory().numTensors - before };
  });
}

gpuTest(`ResNeXt: two SGD steps at batch ${BATCH} on webgpu run the grouped kernels and give cpu's losses`, async (t) => {
  const want = await twoSteps('cpu');
  const got = await twoSteps('webgpu');
  t.truthy(tf.getKernel('NetcGroupedConv2D', 'webgpu'), 'the grouped kernel is registered on webgpu');
  for (const name of ['NetcGroupedConv2D', 'NetcGroupedConv2DBackpropInput', 'NetcGroupedConv2DBackpropFilter']) t.true(got.kernels.has(name), `${name} ran on webgpu`);
  t.is(got.leaked, 0, 'tensors left on webgpu');
  t.log(`losses cpu ${want.losses.join(', ')}; webgpu ${got.losses.join(', ')}`);
  for (let i = 0; i < 2; i++) t.true(Math.abs(got.losses[i] - want.losses[i]) <= 1e-3 * Math.max(1, Math.abs(want.losses[i])), `step ${i + 1}: cpu ${want.losses[i]}, webgpu ${got.losses[i]}`);
  t.true(want.losses[1] !== want.losses[0], 'the first step changed the weights');
});
