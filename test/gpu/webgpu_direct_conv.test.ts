// netc's direct WebGPU conv kernels (runtime/backends/webgpu/direct_conv.ts) compute what the cpu backend's
// conv2d computes — forward with bias and activation, input, filter and bias gradients — for strides, pads,
// rectangular kernels and channel counts that are not multiples of 4, at batch 256; a plan that measured them
// faster uses them; and one LeNet SGD step on them matches cpu. Skipped, with the reason, without WebGPU.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { directConv2d } from '../../runtime/backends/direct_conv.js';
import { directConvFits } from '../../runtime/backends/webgpu/direct_conv.js';
import { tiledAvgPool } from '../../runtime/backends/tiled_pool.js';
import { planLowerings } from '../../runtime/lowering_plan.js';
import { candidateForms } from '../../runtime/lowering_trials.js';
import { assertDirectConvMatchesCpu, assertLenetStepMatchesCpu } from '../helpers/direct_conv.js';
import { compileFile, mustCompile } from '../helpers/files.js';
import { onBackend, startWebGpuForTests } from '../helpers/webgpu.js';

const BATCH = 256;
const gpu = await startWebGpuForTests();
if (!gpu.ready) console.log(`test/gpu/webgpu_direct_conv: skipping the WebGPU tests (no WebGPU: ${gpu.reason})`);
const gpuTest = gpu.ready ? test.serial : test.skip;


/** [label, input shape, body, train mode?] */
const cases: [string, string, string, boolean?][] = [
  ["LeNet's first conv (1 → 6, k=5, pad=2) + sigmoid, training", '[1, 28, 28]', 'conv(6, kernel: 5, pad: 2); sigmoid', true],
  ["LeNet's second conv (6 → 16, k=5) + sigmoid, training", '[6, 14, 14]', 'conv(16, kernel: 5); sigmoid', true],
  ['k=[3,2] s=[2,1] pad=[0,1] (3 → 7) + relu, training', '[3, 9, 8]', 'conv(7, kernel: [3, 2], stride: [2, 1], pad: [0, 1]); relu', true],
  ['k=3 s=2 pad=1 (5 → 4), no bias', '[5, 8, 8]', 'conv(4, kernel: 3, stride: 2, pad: 1, bias: false)'],
  ['k=1 (9 → 8)', '[9, 6, 6]', 'conv(8, kernel: 1)'],
  ['k=[2,3] s=[2,1] pad=[1,0] (5 → 16) + sigmoid, training', '[5, 7, 6]', 'conv(16, kernel: [2, 3], stride: [2, 1], pad: [1, 0]); sigmoid', true],
  ['k=3 pad=1 (8 → 12) + relu, training', '[8, 7, 7]', 'conv(12, kernel: 3, pad: 1); relu', true],
  ['k=3 pad=1 (4 → 8) + relu6, training', '[4, 7, 7]', 'conv(8, kernel: 3, pad: 1); relu6', true],
  ['k=3 pad=1 with batchnorm folded in (eval) + relu', '[4, 8, 8]', 'conv(8, kernel: 3, pad: 1); batchnorm; relu'],
];

for (const [label, input, body, training = false] of cases) {
  const ir = mustCompile(`network T {\n  input ${input}\n  ${body}\n}`);
  gpuTest(`direct conv ${label}, batch ${BATCH}: webgpu = cpu (forward and gradients)`, (t) => assertDirectConvMatchesCpu(t, 'webgpu', ir, training, BATCH));
}

gpuTest(`LeNet on direct convs: one step at batch ${BATCH} gives cpu's loss and gradients, and leaks nothing`, (t) => assertLenetStepMatchesCpu(t, 'webgpu', BATCH));

test('direct WebGPU kernels are offered for undilated groups-1 convs whose unrolled shader stays small', (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const [conv1, conv2] = ir.nodes.filter((n) => n.op === 'conv');
  t.deepEqual(candidateForms(conv1, [1, 28, 28], 'webgpu'), ['conv2d', 'depthwise', 'direct']);
  t.deepEqual(candidateForms(conv2, [6, 14, 14], 'webgpu'), ['conv2d', 'direct']);
  t.deepEqual(candidateForms(conv2, [6, 14, 14], 'cpu'), [], 'nothing to measure');
  t.true(directConvFits([5, 5, 6, 16]));
  t.true(directConvFits([3, 3, 16, 32]));
  t.false(directConvFits([3, 3, 64, 64]), 'a ResNet conv would unroll 9,216 vector multiply-adds');
  const dilated = mustCompile('network T {\n  input [4, 8, 8]\n  conv(4, kernel: 3, dilation: 2, pad: 2)\n}').nodes.find((n) => n.op === 'conv')!;
  t.deepEqual(candidateForms(dilated, [4, 8, 8], 'webgpu'), []);
});

test('on webgpu an avgpool whose windows tile its input runs on netc\'s tiled kernels; other pools and backends keep tfjs\'s', (t) => {
  const lenet = compileFile('networks/lenet.net').ir!;
  t.true(planLowerings(lenet, 'webgpu', 'train').choices.get('avgpool1')!.tiledPool);
  t.falsy(planLowerings(lenet, 'wasm', 'train').choices.get('avgpool1')!.tiledPool);
  const overlapping = mustCompile('network T {\n  input [4, 8, 8]\n  avgpool(3, stride: 2, pad: 1)\n}');
  t.falsy(planLowerings(overlapping, 'webgpu', 'train').choices.get('avgpool1')!.tiledPool);
  const ragged = mustCompile('network T {\n  input [4, 9, 9]\n  avgpool(2)\n}');
  t.falsy(planLowerings(ragged, 'webgpu', 'train').choices.get('avgpool1')!.tiledPool, '9 is not a multiple of 2');
});

gpuTest('direct conv and tiled pool over more than 65,535 workgroups (a 2-D dispatch grid) = tfjs on webgpu', async (t) => {
  await onBackend('webgpu', async () => {
    const x = tf.randomUniform([1040, 64, 64, 1], -1, 1, 'float32', 1) as tf.Tensor4D; // 4.26M pixels: 66,560 groups of 64
    const w = tf.randomUniform([1, 1, 1, 2], -1, 1, 'float32', 2) as tf.Tensor4D;
    const pairs: [string, tf.Tensor, tf.Tensor][] = [
      ['conv', directConv2d(x, w, undefined, { strides: [1, 1], pad: [0, 0], activation: 'linear' }), tf.conv2d(x, w, 1, 'valid')],
      ['pool', tiledAvgPool(x, [1, 1]), x],
    ];
    for (const [name, got, want] of pairs) {
      const [g, v] = [await got.data(), await want.data()];
      let worst = 0;
      for (let i = 0; i < v.length; i++) worst = Math.max(worst, Math.abs(g[i] - v[i]));
      t.true(g.length === v.length && worst < 1e-5, `${name}: worst ${worst}`);
    }
    tf.dispose([x, w, ...pairs.flatMap(([, a, b]) => [a, b])]);
  });
});
