// Every op netc lowers computes the same forward pass and gradients on WebGPU as on the cpu backend, at batch
// 256 (Dawn's OpenGL ES path over Mesa 22 got conv filter gradients wrong from batch 128 on); and so does one
// LeNet training step. Skipped, with the reason printed, where no WebGPU adapter starts.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext } from '../../runtime/forward_context.js';
import { crossEntropy } from '../../runtime/train/loss.js';
import { Optimizer, defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { convGradientMismatch, expectedLoopCount, shaderLoopCount } from '../../runtime/backends/validate_adapter.js';
import { compileFile, mustCompile } from '../helpers/files.js';
import { compareResults, forwardAndGrads, onBackend, type Results, seededUniform as uniform, startWebGpuForTests, webGpuRequired } from '../helpers/webgpu.js';

const BATCH = 256;
const gpu = await startWebGpuForTests();
const skipReason = gpu.ready ? '' : `no WebGPU: ${gpu.reason}`;
if (!gpu.ready) console.log(`test/gpu/webgpu_vs_cpu: skipping the WebGPU tests (${skipReason})`);
const gpuTest = gpu.ready ? test.serial : test.skip;

test.serial('WebGPU starts, or says in one line why not (required in CI)', (t) => {
  if (gpu.ready) {
    t.log(`adapter: ${gpu.adapter}`);
    t.truthy(gpu.adapter);
  } else {
    t.log(skipReason);
    t.false(webGpuRequired(), `CI installs a Vulkan driver, so WebGPU must start there: ${gpu.reason}`);
    t.regex(gpu.reason, /^[^\n]+$/);
  }
});

gpuTest('the running adapter passes netc\'s known-answer tests (70,000-iteration loop, conv filter gradient at batch 256)', async (t) => {
  if (!gpu.ready) return t.fail();
  t.is(expectedLoopCount, 70_000);
  t.is(await shaderLoopCount(gpu.device), 70_000);
  t.is(await convGradientMismatch('webgpu'), undefined);
  t.is(tf.getBackend(), 'cpu', 'the check restores the previous backend');
});


const count = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Gives batchnorm non-trivial parameters and running statistics (the defaults 1, 0, 0, 1 hide mistakes). */
function randomizeNorms(model: Model, rng: Rng): void {
  for (const p of model.params) {
    if (p.node.op !== 'batchnorm') continue;
    const n = count(p.variable.shape);
    const values = p.suffix === 'running_var' || p.suffix === 'weight' ? uniform(rng, n, 0.5, 1.5) : uniform(rng, n);
    tf.tidy(() => p.variable.assign(tf.tensor(values, p.variable.shape)));
  }
}

/** [label, input shape, the network's body after `input`, train mode?] */
const cases: [string, string, string, boolean?][] = [
  ['conv k=3', '[3, 8, 8]', 'conv(4, kernel: 3)'],
  ['conv k=3 s=2 pad=1', '[3, 8, 8]', 'conv(4, kernel: 3, stride: 2, pad: 1)'],
  ['conv k=3 dilation=2 pad=2', '[3, 8, 8]', 'conv(4, kernel: 3, dilation: 2, pad: 2)'],
  ['conv k=[3,1] s=[2,1] pad=[1,0] no bias', '[3, 8, 8]', 'conv(4, kernel: [3, 1], stride: [2, 1], pad: [1, 0], bias: false)'],
  ['conv groups=2', '[4, 8, 8]', 'conv(6, kernel: 3, pad: 1, groups: 2)'],
  ['conv groups=2 s=2 dilation=2 pad=2', '[4, 8, 8]', 'conv(4, kernel: 3, stride: 2, dilation: 2, pad: 2, groups: 2)'],
  ['conv depthwise', '[4, 8, 8]', 'conv(4, kernel: 3, pad: 1, groups: 4)'],
  ['conv depthwise ×2 s=2', '[4, 8, 8]', 'conv(8, kernel: 3, stride: 2, pad: 1, groups: 4)'],
  ['conv depthwise dilation=2', '[4, 8, 8]', 'conv(4, kernel: 3, dilation: 2, pad: 2, groups: 4, bias: false)'],
  ['maxpool k=3 s=2 pad=1', '[4, 8, 8]', 'maxpool(3, stride: 2, pad: 1)'],
  ['maxpool k=2', '[4, 8, 8]', 'maxpool(2)'],
  ['avgpool k=3 s=2 pad=1', '[4, 8, 8]', 'avgpool(3, stride: 2, pad: 1)'],
  ['avgpool k=2', '[4, 8, 8]', 'avgpool(2)'],
  ['global_avgpool', '[4, 8, 8]', 'global_avgpool'],
  ['dense', '[32]', 'dense(10)'],
  ['flatten then dense', '[3, 4, 4]', 'flatten; dense(10, bias: false)'],
  ['flatten', '[4, 8, 8]', 'flatten'],
  ['dropout p=0.5 in eval', '[4, 8, 8]', 'dropout(0.5)'],
  ['dropout p=0.5 in training', '[4, 8, 8]', 'dropout(0.5)', true],
  ['batchnorm on images in training', '[4, 8, 8]', 'batchnorm', true],
  ['batchnorm on images in eval', '[4, 8, 8]', 'batchnorm'],
  ['batchnorm on features in training', '[16]', 'batchnorm', true],
  ['batchnorm on features in eval', '[16]', 'batchnorm'],
  ['lrn size=3', '[6, 8, 8]', 'lrn(3, alpha: 0.5, beta: 0.75, k: 2)'],
  ['lrn size=4', '[6, 8, 8]', 'lrn(4, alpha: 1, k: 1)'],
  ['relu', '[4, 8, 8]', 'relu'],
  ['sigmoid', '[4, 8, 8]', 'sigmoid'],
  ['tanh', '[4, 8, 8]', 'tanh'],
  ['softmax over features', '[10]', 'softmax'],
  ['softmax over channels', '[4, 8, 8]', 'softmax'],
  ['identity', '[4, 8, 8]', 'identity'],
  ['channel_shuffle groups=2', '[6, 8, 8]', 'channel_shuffle(2)'],
  ['concat images', '[4, 8, 8]', 'concat { identity; branch { conv(2, kernel: 1) }; maxpool(3, stride: 1, pad: 1) }'],
  ['concat features', '[8]', 'concat { identity; dense(4) }'],
  ['add (residual)', '[4, 8, 8]', 'residual { conv(4, kernel: 3, pad: 1); tanh }'],
  ['add (residual with projection)', '[4, 8, 8]', 'residual { conv(6, kernel: 3, stride: 2, pad: 1) } shortcut { conv(6, kernel: 1, stride: 2) }'],
  ['scale by a [C] gate', '[4, 8, 8]', 'scale { global_avgpool; flatten; dense(4); sigmoid }'],
  ['scale by a [C, 1, 1] gate', '[4, 8, 8]', 'scale { global_avgpool; conv(4, kernel: 1); sigmoid }'],
  ['scale by a [C, H, W] gate', '[4, 8, 8]', 'scale { conv(4, kernel: 3, pad: 1); sigmoid }'],
];

const shapeText = (s: number[]) => `[${s.join(',')}]`;

for (const [label, input, body, training = false] of cases) {
  const ir = mustCompile(`network T {\n  input ${input}\n  ${body}\n}`);
  const outShape = ir.nodes.find((n) => n.name === ir.output)!.shape;
  gpuTest(`${label} ${shapeText(ir.input)} -> ${shapeText(outShape)}, batch ${BATCH}: webgpu = cpu (forward and gradients)`, async (t) => {
    const makeModel = (rng: Rng) => {
      const model = Model.create(ir, new Rng(7));
      randomizeNorms(model, rng);
      return model;
    };
    const want = await forwardAndGrads('cpu', ir, training, BATCH, makeModel);
    const got = await forwardAndGrads('webgpu', ir, training, BATCH, makeModel);
    t.is(want.leaked, 0, 'tensors left on cpu');
    t.is(got.leaked, 0, 'tensors left on webgpu');
    // The comparison means something only if every trainable parameter got a gradient, and all are finite and not all zero.
    const trainable = ir.nodes.flatMap((n) => n.params.filter((p) => p.trainable).map((p) => `grad ${p.name}`));
    t.deepEqual(trainable.filter((name) => !want.results.has(name)), []);
    for (const [name, values] of want.results) {
      t.true(values.every(Number.isFinite), `${name} has non-finite values on cpu`);
      t.true(values.some((v) => v !== 0), `${name} is all zeros on cpu`);
    }
    const { failures, worst } = compareResults(want.results, got.results);
    t.log(`worst: ${worst.name} ${worst.error.toExponential(2)} (scaled)`);
    t.deepEqual(failures, []);
  });
}

/** One LeNet SGD step at batch 256 on `backend`: loss, gradients, and the weights after the update. */
async function lenetStep(backend: 'cpu' | 'webgpu'): Promise<Results> {
  return onBackend(backend, async () => {
    const model = Model.create(compileFile('networks/lenet.net').ir!, new Rng(3));
    const rng = new Rng(5);
    const x = tf.tensor(uniform(rng, BATCH * 28 * 28, 0, 1), [BATCH, 28, 28, 1]);
    const labels = tf.tensor1d(Int32Array.from({ length: BATCH }, () => rng.int(10)), 'int32');
    const variables = model.trainableVariables;
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x, evalContext()), labels), variables);
    new Optimizer(defaultOptimizerConfig('sgd'), variables).apply(grads, 0.1);
    const results: Results = new Map([['loss', (await value.data()) as Float32Array]]);
    for (const p of model.params) {
      results.set(`grad ${p.param.name}`, (await grads[p.variable.name].data()) as Float32Array);
      results.set(`${p.param.name} after the step`, (await p.variable.data()) as Float32Array);
    }
    tf.dispose([x, labels, value, ...Object.values(grads)]);
    model.dispose();
    return results;
  });
}

gpuTest(`LeNet: one SGD step at batch ${BATCH} gives the same loss, gradients and weights on webgpu as on cpu`, async (t) => {
  const want = await lenetStep('cpu');
  const got = await lenetStep('webgpu');
  const loss = want.get('loss')![0];
  t.true(loss > 2 && loss < 2.6, `an untrained 10-class loss is near ln 10, got ${loss}`);
  t.is(want.size, 1 + 2 * 10, 'loss, and a gradient and an updated value for each of the 10 parameters');
  const { failures, worst } = compareResults(want, got);
  t.log(`loss cpu ${loss}, webgpu ${got.get('loss')![0]}; worst: ${worst.name} ${worst.error.toExponential(2)} (scaled)`);
  t.deepEqual(failures, []);
});
