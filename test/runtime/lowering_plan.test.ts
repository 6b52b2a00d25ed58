// The lowering plan (fusion, batchnorm folding, reshape-mean pooling) changes nothing beyond float tolerance:
// every network, both modes, forward and gradients, optimized plan vs plain lowering, on cpu and wasm.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext, trainingContext, type BatchStats } from '../../runtime/forward_context.js';
import { planLowerings, explainPlan } from '../../runtime/lowering_plan.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { compileFile, mustCompile } from '../helpers/files.js';
import type { Ir } from '../../compiler/ir.js';

test.before(async () => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
});

/** Networks at sizes small enough for a test (`args` shrink inputs where the file allows); cpu runs the small ones. */
const cases: [string, string, Record<string, number> | undefined, string[], number?][] = [
  ['networks/lenet.net', 'LeNet', undefined, ['cpu', 'wasm']],
  ['networks/lenet_bn.net', 'LeNetBN', undefined, ['cpu', 'wasm']],
  ['networks/shufflenet.net', 'ShuffleNet', undefined, ['cpu', 'wasm']],
  ['networks/resnet18.net', 'ResNet18', { size: 32 }, ['wasm'], 16],
  ['networks/se_resnet18.net', 'SEResNet18', undefined, ['wasm']],
  ['networks/densenet.net', 'DenseNet', undefined, ['wasm']],
  ['networks/googlenet.net', 'GoogLeNet', undefined, ['wasm']],
  ['networks/mobilenet_v2.net', 'MobileNetV2', { channels: 1, size: 28, classes: 10 }, ['wasm']],
  ['networks/efficientnet_b0.net', 'EfficientNetB0', { channels: 1, size: 28, classes: 10 }, ['wasm']],
  ['networks/convnext_t.net', 'ConvNeXtT', { channels: 1, size: 28, classes: 10, patch: 2 }, ['wasm']],
];

async function run(ir: Ir, optimize: boolean, training: boolean, x: tf.Tensor) {
  const model = Model.create(ir, new Rng(3));
  model.optimizeLowerings = optimize;
  // Non-trivial running statistics, so folding batchnorm is really tested.
  for (const p of model.params) {
    if (p.suffix.startsWith('running')) tf.tidy(() => p.variable.assign(tf.add(p.variable, tf.randomUniform(p.variable.shape, 0.1, 0.5, 'float32', 11))));
  }
  const stats: BatchStats[] = [];
  const ctx = training ? trainingContext(new Rng(5), tf.keep, stats) : evalContext();
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.forward(x, ctx), tf.linspace(0.5, 1.5, 10))), model.trainableVariables);
  const out = { value: (await value.data())[0], grads: await Promise.all(model.trainableVariables.map((v) => grads[v.name].data())) };
  tf.dispose([value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
  model.dispose();
  return out;
}

for (const [file, network, args, backends, batch] of cases) {
  for (const backend of backends) {
    for (const mode of ['eval', 'train'] as const) {
      test.serial(`${backend} ${network} ${mode}: optimized lowering = plain lowering`, async (t) => {
        await tf.setBackend(backend);
        const ir = compileFile(file, { network, args })!.ir!;
        const [c, h, w] = ir.input;
        // Batchnorm over a tiny batch at 1×1 spatial size amplifies float noise (a relu flips), so deep networks
        // get batches large enough for tame statistics.
        const x = tf.randomUniform([batch ?? (backend === 'cpu' ? 2 : 8), h, w, c], 0, 1, 'float32', 2);
        const before = tf.memory().numTensors;
        const plain = await run(ir, false, mode === 'train', x);
        const optimized = await run(ir, true, mode === 'train', x);
        t.is(tf.memory().numTensors, before);
        x.dispose();
        const scale = Math.max(1, Math.abs(plain.value));
        t.true(Math.abs(plain.value - optimized.value) <= 1e-4 * scale, `output ${plain.value} vs ${optimized.value}`);
        // Each gradient against its own largest entry, with a floor of 1% of the network's largest (a bias before
        // batchnorm has a gradient that is zero up to rounding).
        const largest = (g: ArrayLike<number>) => {
          let m = 0;
          for (let j = 0; j < g.length; j++) m = Math.max(m, Math.abs(g[j]));
          return m;
        };
        const floor = 1e-2 * Math.max(...plain.grads.map(largest));
        let worst = 0;
        plain.grads.forEach((g, i) => {
          const top = Math.max(floor, largest(g));
          for (let j = 0; j < g.length; j++) worst = Math.max(worst, Math.abs(g[j] - optimized.grads[i][j]) / top);
        });
        t.true(worst <= 2e-3, `worst gradient difference ${worst}`);
      });
    }
  }
}

test('the plan fuses bias and relu while training, folds batchnorm and sigmoid in eval, leaves the first layer unfused', (t) => {
  const ir = mustCompile('network N { input [1, 8, 8]\n conv(4, kernel: 3, pad: 1); batchnorm; relu\n avgpool(2)\n conv(4, kernel: 3); sigmoid\n flatten; dense(5); relu; dense(3) }');
  const train = planLowerings(ir, 'wasm', 'train').choices;
  t.is(train.get('conv1')!.strategy, 'conv2d');
  t.regex(train.get('conv1')!.reason, /not fused: a fused op would also compute the gradient of the input/);
  t.is(train.get('relu1')!.strategy, 'default');
  t.is(train.get('conv2')!.strategy, 'fused conv2d + bias');
  t.regex(train.get('conv2')!.reason, /sigmoid not fusable while training/);
  t.is(train.get('dense1')!.strategy, 'fused matMul + bias + relu');
  t.true(train.get('relu2')!.absorbed);
  const evaluation = planLowerings(ir, 'wasm', 'eval').choices;
  t.is(evaluation.get('conv1')!.strategy, 'fused conv2d + bias + relu, batchnorm1 folded in');
  t.true(evaluation.get('batchnorm1')!.absorbed);
  t.true(evaluation.get('relu1')!.absorbed);
  t.is(evaluation.get('conv2')!.strategy, 'fused conv2d + bias + sigmoid');
  t.regex(explainPlan(ir, planLowerings(ir, 'wasm', 'eval')), /conv1 +conv +\[4, 8, 8\] +fused conv2d \+ bias \+ relu, batchnorm1 folded in/);
});

test('nodes read by two consumers or by the output are not fused away', (t) => {
  const ir = mustCompile('network N { input [2, 4, 4]\n conv(2, kernel: 1)\n residual { relu }\n conv(2, kernel: 1); batchnorm }');
  const evaluation = planLowerings(ir, 'cpu', 'eval').choices;
  t.false(evaluation.get('relu1')!.absorbed === true, 'conv1 feeds both the residual body and its shortcut');
  t.true(evaluation.get('batchnorm1')!.absorbed, 'conv2 -> batchnorm1 folds');
  const last = mustCompile('network N { input [2, 4, 4]\n relu; conv(2, kernel: 1); relu }');
  t.true(planLowerings(last, 'cpu', 'train').choices.get('relu2')!.absorbed);
  const output = mustCompile('network N { input [2, 4, 4]\n conv(2, kernel: 1) }');
  t.is(planLowerings(output, 'cpu', 'eval').choices.get('conv1')!.strategy, 'fused conv2d + bias');
});

test('--explain names the tiled average pool where it runs: netc wasm SIMD kernel on wasm, netc WebGPU kernel on webgpu', (t) => {
  const ir = mustCompile('network N { input [6, 8, 8]\n avgpool(kernel: 2, stride: 2)\n avgpool(kernel: 3, stride: 1)\n flatten; dense(2) }');
  for (const mode of ['train', 'eval'] as const) {
    const wasm = planLowerings(ir, 'wasm', mode).choices;
    t.is(wasm.get('avgpool1')!.strategy, 'tiled average (netc wasm SIMD kernel)');
    t.falsy(wasm.get('avgpool1')!.tiledPool, "on wasm the plain lowering stays: tfjs's AvgPool kernel picks netc's code");
    t.is(wasm.get('avgpool2')!.strategy, 'default', 'overlapping windows do not tile');
    t.is(planLowerings(ir, 'webgpu', mode).choices.get('avgpool1')!.strategy, 'tiled average (netc WebGPU kernel)');
    t.is(planLowerings(ir, 'cpu', mode).choices.get('avgpool1')!.strategy, 'default');
  }
  t.regex(explainPlan(ir, planLowerings(ir, 'wasm', 'eval')), /avgpool1 +avgpool +\[6, 4, 4\] +tiled average \(netc wasm SIMD kernel\)/);
  const padded = mustCompile('network N { input [6, 6, 6]\n avgpool(kernel: 2, stride: 2, pad: 1)\n flatten; dense(2) }');
  t.is(planLowerings(padded, 'wasm', 'eval').choices.get('avgpool1')!.strategy, 'tiled average (netc wasm SIMD kernel)', 'netc pads first, so the kernel sees 8×8 tiled by 2×2');
  const wide = mustCompile('network N { input [260, 4, 4]\n avgpool(kernel: 2, stride: 2)\n flatten; dense(2) }');
  t.is(planLowerings(wide, 'wasm', 'eval').choices.get('avgpool1')!.strategy, 'default', "past 256 channels the wasm kernel hands the pool to XNNPACK");
});

test('--explain on wasm names the tfjs kernels that run netc\'s code under a "default" lowering', (t) => {
  const ir = mustCompile('network N { input [4, 8, 8]\n conv(4, kernel: 3, pad: 1); sigmoid }');
  const text = explainPlan(ir, planLowerings(ir, 'wasm', 'train'));
  t.regex(text, /netc's wasm code runs inside these tfjs kernels where its cases fit .*\bSigmoid\b/);
  t.regex(text, /adds the ones tfjs-backend-wasm lacks: .*\bConv2DBackpropFilter\b/);
  t.notRegex(explainPlan(ir, planLowerings(ir, 'cpu', 'train')), /netc's wasm code/);
});

test('eval fuses leaky_relu into the conv with its slope, and elu only where tfjs\'s fused elu (α = 1) computes it', (t) => {
  const ir = mustCompile('network N { input [4, 8, 8]\n conv(4, kernel: 3, pad: 1); leaky_relu(0.2)\n conv(4, kernel: 3); elu(0.5)\n conv(4, kernel: 3); elu }');
  const eval_ = planLowerings(ir, 'wasm', 'eval').choices;
  t.is(eval_.get('conv1')!.activation, 'leaky_relu');
  t.deepEqual(eval_.get('conv1')!.activationAttrs, { slope: 0.2 });
  t.is(eval_.get('conv2')!.activation, undefined);
  t.is(eval_.get('conv3')!.activation, 'elu');
  t.is(planLowerings(ir, 'wasm', 'train').choices.get('conv2')!.activation, undefined, 'tfjs has no fused gradient for them');
});
