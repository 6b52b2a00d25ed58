// netc's direct wasm conv code (runtime/backends/wasm/kernels/convolution.ts) computes what the cpu backend's conv2d
// computes — forward with bias and activation, input, filter and bias gradients — for strides, pads,
// rectangular kernels, channel counts that are not multiples of 4 and rows that are not multiples of the
// tile, at batch sizes that split the work between threads; one LeNet SGD step on it matches cpu; and the
// trials offer it only where it applies.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext } from '../../runtime/forward_context.js';
import { wasmDirectConvFits } from '../../runtime/backends/wasm/kernels/convolution.js';
import { hasFusedMultiplyAdd } from '../../runtime/backends/wasm/codegen/assembler.js';
import { candidateForms } from '../../runtime/lowering_trials.js';
import { assertDirectConvMatchesCpu, assertLenetStepMatchesCpu, directModel } from '../helpers/direct_conv.js';
import { compileFile, mustCompile } from '../helpers/files.js';
import { startWasmForTests } from '../helpers/wasm.js';
import { compareResults, onBackend, seededUniform as uniform } from '../helpers/webgpu.js';

test.before(startWasmForTests);

/** [label, input shape, body, batch, train mode?] */
const cases: [string, string, string, number, boolean?][] = [
  ["LeNet's first conv (1 → 6, k=5, pad=2) + sigmoid, training", '[1, 28, 28]', 'conv(6, kernel: 5, pad: 2); sigmoid', 256, true],
  ["LeNet's second conv (6 → 16, k=5) + sigmoid, training", '[6, 14, 14]', 'conv(16, kernel: 5); sigmoid', 256, true],
  ['k=[3,2] s=[2,1] pad=[0,1] (3 → 7) + relu, training', '[3, 9, 8]', 'conv(7, kernel: [3, 2], stride: [2, 1], pad: [0, 1]); relu', 64, true],
  ['k=3 s=2 pad=1 (5 → 5), no bias', '[5, 8, 8]', 'conv(5, kernel: 3, stride: 2, pad: 1, bias: false)', 8],
  ['k=1 (9 → 1)', '[9, 6, 6]', 'conv(1, kernel: 1)', 8],
  ['k=3 pad=2 (2 → 3) + relu, training: a pad past the kernel\'s half', '[2, 7, 9]', 'conv(3, kernel: 3, pad: 2); relu', 16, true],
  ['k=[2,3] s=[2,1] pad=[1,0] (5 → 17) + sigmoid, training', '[5, 7, 6]', 'conv(17, kernel: [2, 3], stride: [2, 1], pad: [1, 0]); sigmoid', 32, true],
  ['k=7 s=2 pad=3 (1 → 8) + relu, training: a ResNet stem', '[1, 28, 28]', 'conv(8, kernel: 7, stride: 2, pad: 3); relu', 64, true],
  ['k=3 pad=1 (8 → 12) + relu, training', '[8, 7, 7]', 'conv(12, kernel: 3, pad: 1); relu', 64, true],
  ['k=3 pad=1 (4 → 8) + relu6, training', '[4, 7, 7]', 'conv(8, kernel: 3, pad: 1); relu6', 32, true],
  ['k=3 pad=1 with batchnorm folded in (eval) + relu', '[4, 8, 8]', 'conv(8, kernel: 3, pad: 1); batchnorm; relu', 16],
  // Filters past the unrolled code's size: the looped filter gradient (its last pair and vector blocks), and
  // the input gradient on netc's code at any filter size.
  ['k=3 pad=1 (48 → 50) + relu, training: looped filter gradient, 50 not a multiple of 4', '[48, 7, 7]', 'conv(50, kernel: 3, pad: 1); relu', 32, true],
  ['k=3 s=2 pad=1 (29 → 40), training: looped filter gradient with a stride', '[29, 9, 9]', 'conv(40, kernel: 3, stride: 2, pad: 1)', 24, true],
  ['k=3 pad=1 (64 → 64) at 2×2, training: gradients left to XNNPACK and products', '[64, 2, 2]', 'conv(64, kernel: 3, pad: 1)', 16, true],
];

for (const [label, input, body, batch, training = false] of cases) {
  const ir = mustCompile(`network T {\n  input ${input}\n  ${body}\n}`);
  test.serial(`direct conv ${label}, batch ${batch}: wasm = cpu (forward and gradients)`, (t) => assertDirectConvMatchesCpu(t, 'wasm', ir, training, batch, 1e-4));
}

/** Eval outputs of a batch on `backend` (the wasm model's convs direct), and which nodes the plan absorbed. */
async function evalOutputs(backend: 'cpu' | 'wasm', ir: Ir, batch: number): Promise<{ output: Float32Array; absorbed: string[]; leaked: number }> {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const model = directModel(ir, 9, 'wasm');
    const absorbed = [...model.plan('eval').choices].filter(([, c]) => c.absorbed).map(([name]) => name);
    const x = tf.tensor(uniform(new Rng(4), batch * ir.input.reduce((a, b) => a * b, 1)), [batch, ir.input[1], ir.input[2], ir.input[0]]);
    const y = tf.tidy(() => model.forward(x, evalContext()));
    const output = (await y.data()) as Float32Array;
    tf.dispose([x, y]);
    model.dispose();
    return { output, absorbed, leaked: tf.memory().numTensors - before };
  });
}

/** [label, input shape, body, nodes the wasm plan absorbs into conv1] */
const pooledCases: [string, string, string, string[]][] = [
  ["LeNet's first conv + sigmoid + 2×2 avgpool", '[1, 28, 28]', 'conv(6, kernel: 5, pad: 2); sigmoid; avgpool(2, stride: 2)', ['sigmoid1', 'avgpool1']],
  ['k=3 (5 → 16) + relu + 2×2 avgpool: channel vectors in blocks of two', '[5, 10, 10]', 'conv(16, kernel: 3, pad: 1); relu; avgpool(2, stride: 2)', ['relu1', 'avgpool1']],
  ['k=3 s=2 (3 → 7), no activation, 2×1 avgpool', '[3, 8, 7]', 'conv(7, kernel: 3, stride: 2, pad: 1); avgpool([2, 1], stride: [2, 1])', ['avgpool1']],
  ['a 3×3 pool over an 8×8 output does not tile it: a separate pool', '[2, 8, 8]', 'conv(4, kernel: 3, pad: 1); sigmoid; avgpool(3, stride: 3)', ['sigmoid1']],
];

for (const [label, input, body, absorbed] of pooledCases) {
  const ir = mustCompile(`network T {\n  input ${input}\n  ${body}\n  flatten\n  dense(3)\n}`);
  test.serial(`eval: direct conv ${label}: wasm = cpu`, async (t) => {
    const want = await evalOutputs('cpu', ir, 64);
    const got = await evalOutputs('wasm', ir, 64);
    t.deepEqual(got.absorbed, absorbed);
    t.is(got.leaked, 0);
    const { failures, worst } = compareResults(new Map([['output', want.output]]), new Map([['output', got.output]]), 1e-5);
    t.log(`worst: ${worst.error.toExponential(2)} (scaled)`);
    t.deepEqual(failures, []);
  });
}

test.serial('LeNet on direct convs: one step at batch 256 gives cpu\'s loss and gradients, and leaks nothing', (t) => assertLenetStepMatchesCpu(t, 'wasm', 256, 1e-4));

test('direct wasm code is offered for undilated groups-1 convs with small filters', (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const [conv1, conv2] = ir.nodes.filter((n) => n.op === 'conv');
  t.deepEqual(candidateForms(conv1, [1, 28, 28], 'wasm'), ['conv2d', 'depthwise', 'direct']);
  t.deepEqual(candidateForms(conv2, [6, 14, 14], 'wasm'), ['conv2d', 'direct']);
  t.true(wasmDirectConvFits([11, 11, 1, 96]), "AlexNet's first conv");
  t.false(wasmDirectConvFits([3, 3, 64, 64]), "a ResNet conv stays XNNPACK's (9,216 triples)");
  const dilated = mustCompile('network T {\n  input [4, 8, 8]\n  conv(4, kernel: 3, dilation: 2, pad: 2)\n}').nodes.find((n) => n.op === 'conv')!;
  t.deepEqual(candidateForms(dilated, [4, 8, 8], 'wasm'), []);
});

test('Node 20 runs relaxed SIMD\'s fused multiply-add (netc sets V8\'s flag before compiling)', (t) => {
  t.true(hasFusedMultiplyAdd());
});
