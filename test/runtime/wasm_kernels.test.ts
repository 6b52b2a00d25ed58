// The wasm backend with netc's gradient kernels computes the same conv2d / depthwiseConv2d gradients, the same
// LeNet (and grouped/depthwise/batchnorm) training step as the cpu backend, and leaves no tensors behind.
import test, { type ExecutionContext } from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { startWasmForTests } from '../helpers/wasm.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { trainingContext, type BatchStats } from '../../runtime/forward_context.js';
import { crossEntropy } from '../../runtime/train/loss.js';
import { compileFile, mustCompile } from '../helpers/files.js';
import type { Ir } from '../../compiler/ir.js';

test.before(startWasmForTests);

type Backend = 'cpu' | 'wasm';
type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

interface ConvShape {
  kind: 'conv2d' | 'depthwise';
  /** NHWC input. */
  x: [number, number, number, number];
  k: number;
  stride: number;
  pad: number | 'same' | 'valid';
  /** conv2d: output channels; depthwise: channel multiplier. */
  out: number;
}

function random(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

const padOf = (p: ConvShape['pad']): Pad4 | 'same' | 'valid' => (typeof p === 'number' ? [[0, 0], [p, p], [p, p], [0, 0]] : p);
const outSize = (size: number, s: ConvShape) =>
  s.pad === 'same' ? Math.ceil(size / s.stride) : Math.floor((size + 2 * (s.pad === 'valid' ? 0 : s.pad) - s.k) / s.stride) + 1;

/** dx and dW of sum(conv(x, W) · dy) on `backend`, from the same plain arrays every time. */
async function convGradients(backend: Backend, s: ConvShape): Promise<{ dx: Float32Array; dw: Float32Array; leaked: number }> {
  await tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error(`expected the ${backend} backend, got ${tf.getBackend()}`);
  const [n, h, w, c] = s.x;
  const wShape: [number, number, number, number] = [s.k, s.k, c, s.out];
  const yShape = [n, outSize(h, s), outSize(w, s), s.kind === 'depthwise' ? c * s.out : s.out];
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(random(n * h * w * c, 1), s.x);
  const filter = tf.tensor4d(random(wShape.reduce((a, b) => a * b), 2), wShape);
  const dy = tf.tensor(random(yShape.reduce((a, b) => a * b), 3), yShape);
  const pad = padOf(s.pad);
  const f = (xi: tf.Tensor, fi: tf.Tensor) =>
    s.kind === 'depthwise' ? tf.depthwiseConv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, s.stride, pad) : tf.conv2d(xi as tf.Tensor4D, fi as tf.Tensor4D, s.stride, pad);
  const [gx, gw] = tf.grads(f)([x, filter], dy);
  const dx = (await gx.data()) as Float32Array;
  const dw = (await gw.data()) as Float32Array;
  tf.dispose([x, filter, dy, gx, gw]);
  return { dx, dw, leaked: tf.memory().numTensors - before };
}

/** max|a − b| ≤ tol · max(max|b|, floor) (relative to the tensor's scale), equal lengths, no NaN. */
function assertClose(t: ExecutionContext, a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string, floor = 0): void {
  t.is(a.length, b.length, `${what}: length`);
  let largest = 0;
  let worst = 0;
  let at = 0;
  for (let i = 0; i < b.length; i++) largest = Math.max(largest, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) {
    const err = Math.abs(a[i] - b[i]);
    if (!(err <= worst)) [worst, at] = [Number.isNaN(err) ? Infinity : err, i];
  }
  t.true(largest > 0, `${what}: not all zero`);
  const scale = Math.max(largest, floor);
  t.true(worst <= tol * scale, `${what}: max error ${worst} (${(worst / scale).toExponential(2)} of ${scale}) at ${at}: wasm ${a[at]}, cpu ${b[at]}`);
}

const shapes: ConvShape[] = [];
// Every kernel size with strides 1, 2, 4 and pads 0, ⌊k/2⌋ and k − 1 (beyond ⌊k/2⌋: legal in PyTorch), odd and even sizes.
for (const kind of ['conv2d', 'depthwise'] as const)
  for (const k of [1, 3, 5, 7, 11])
    for (const stride of [1, 2, 4])
      for (const pad of [...new Set([0, Math.floor(k / 2), Math.max(1, k - 1)])]) {
        const size = Math.max(k, 5) + ((k + stride + pad) % 2); // odd and even
        const out = kind === 'depthwise' ? 1 + ((k + pad) % 2) : 4; // depthwise multipliers 1 and 2
        shapes.push({ kind, x: [1 + (stride % 2), size, size + 1, 3], k, stride, pad, out });
      }
shapes.push(
  { kind: 'conv2d', x: [64, 28, 28, 1], k: 5, stride: 1, pad: 2, out: 6 },
  { kind: 'conv2d', x: [64, 12, 12, 4], k: 3, stride: 2, pad: 1, out: 8 },
  { kind: 'conv2d', x: [64, 16, 16, 3], k: 7, stride: 2, pad: 3, out: 4 },
  { kind: 'conv2d', x: [64, 31, 31, 3], k: 11, stride: 4, pad: 2, out: 4 },
  { kind: 'conv2d', x: [64, 9, 9, 5], k: 1, stride: 1, pad: 0, out: 7 },
  { kind: 'depthwise', x: [64, 10, 10, 8], k: 3, stride: 1, pad: 1, out: 1 },
  { kind: 'depthwise', x: [64, 11, 11, 4], k: 3, stride: 2, pad: 1, out: 2 },
  { kind: 'depthwise', x: [64, 14, 14, 6], k: 5, stride: 2, pad: 2, out: 1 },
  { kind: 'depthwise', x: [64, 23, 23, 2], k: 11, stride: 4, pad: 5, out: 2 },
  // One input channel: the filter gradient runs as a plain conv's (AlexNet's first conv lowered as depthwise).
  { kind: 'depthwise', x: [64, 31, 31, 1], k: 11, stride: 4, pad: 1, out: 24 },
  { kind: 'depthwise', x: [16, 9, 9, 1], k: 3, stride: 1, pad: 'same', out: 6 },
  { kind: 'conv2d', x: [2, 6, 7, 3], k: 3, stride: 2, pad: 4, out: 4 },
  { kind: 'depthwise', x: [2, 6, 7, 3], k: 3, stride: 2, pad: 4, out: 2 },
  { kind: 'depthwise', x: [2, 5, 5, 3], k: 2, stride: 1, pad: 3, out: 1 },
  { kind: 'conv2d', x: [2, 8, 9, 3], k: 3, stride: 2, pad: 'same', out: 4 },
  { kind: 'conv2d', x: [2, 10, 10, 3], k: 4, stride: 2, pad: 'same', out: 4 },
  { kind: 'depthwise', x: [2, 8, 9, 3], k: 3, stride: 2, pad: 'same', out: 2 },
  { kind: 'depthwise', x: [2, 10, 10, 3], k: 4, stride: 2, pad: 'same', out: 1 },
  { kind: 'depthwise', x: [2, 9, 9, 3], k: 5, stride: 1, pad: 'valid', out: 2 },
  // The input gradient as a product (im2col.ts): maps of 2×2 and 1×1, strides, 1×1 filters, odd channel counts.
  { kind: 'conv2d', x: [3, 2, 2, 20], k: 3, stride: 1, pad: 1, out: 24 },
  { kind: 'conv2d', x: [1, 1, 1, 36], k: 3, stride: 1, pad: 1, out: 10 },
  { kind: 'conv2d', x: [5, 7, 7, 18], k: 3, stride: 2, pad: 1, out: 34 },
  { kind: 'conv2d', x: [4, 7, 7, 20], k: 1, stride: 2, pad: 0, out: 36 },
  { kind: 'conv2d', x: [2, 5, 6, 17], k: 1, stride: 1, pad: 0, out: 33 },
  { kind: 'conv2d', x: [1, 9, 8, 5], k: 3, stride: 3, pad: 2, out: 6 },
);

for (const s of shapes) {
  const what = s.kind === 'depthwise' ? `depthwiseConv2d ×${s.out}` : `conv2d -> ${s.out}`;
  test.serial(`${what} k=${s.k} s=${s.stride} pad=${s.pad} [${s.x.join(',')}]: wasm gradients = cpu`, async (t) => {
    const cpu = await convGradients('cpu', s);
    const wasm = await convGradients('wasm', s);
    assertClose(t, wasm.dx, cpu.dx, 1e-4, 'input gradient');
    assertClose(t, wasm.dw, cpu.dw, 1e-4, 'filter gradient');
    t.is(wasm.leaked, 0, 'no tensors left on wasm');
    t.is(cpu.leaked, 0, 'no tensors left on cpu');
  });
}

test.serial('netc registers its three gradient kernels for wasm', (t) => {
  for (const name of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']) {
    t.truthy(tf.getKernel(name, 'wasm'), name);
  }
});

test.serial('a gradient computation through all three of netc\'s wasm kernels leaves no tensors', async (t) => {
  await tf.setBackend('wasm');
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(random(2 * 9 * 9 * 4, 4), [2, 9, 9, 4]);
  const dwFilter = tf.tensor4d(random(3 * 3 * 4 * 2, 5), [3, 3, 4, 2]);
  const convFilter = tf.tensor4d(random(3 * 3 * 8 * 5, 6), [3, 3, 8, 5]);
  const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
    tf.sum(tf.conv2d(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 1), c as tf.Tensor4D, 1, 'same')),
  )([x, dwFilter, convFilter]);
  t.is(grads.length, 3);
  for (const g of grads) t.true((await g.data()).some((v) => v !== 0));
  tf.dispose([x, dwFilter, convFilter, ...grads]);
  t.is(tf.memory().numTensors, before);
});

/** One training step on `backend`: loss and every parameter's gradient, in parameter order. */
async function trainingStep(backend: Backend, ir: Ir, batch: number): Promise<{ loss: number; grads: Float32Array[]; names: string[]; leaked: number }> {
  await tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error(`expected the ${backend} backend, got ${tf.getBackend()}`);
  const before = tf.memory().numTensors;
  const model = Model.create(ir, new Rng(0));
  const labelRng = new Rng(9);
  const [c, h, w] = ir.input;
  const x = tf.tensor4d(random(batch * c * h * w, 8).map((v) => v + 0.5), [batch, h, w, c]);
  const labels = tf.tensor1d(Int32Array.from({ length: batch }, () => labelRng.int(10)), 'int32');
  const stats: BatchStats[] = [];
  const ctx = trainingContext(new Rng(1), tf.keep, stats);
  const variables = model.trainableVariables;
  const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x, ctx), labels), variables);
  const loss = (await value.data())[0];
  const out = await Promise.all(variables.map(async (v) => (await grads[v.name].data()) as Float32Array));
  tf.dispose([x, labels, value, ...Object.values(grads), ...stats.flatMap((r) => [r.mean, r.variance])]);
  const names = model.params.filter((p) => p.param.trainable).map((p) => p.param.name);
  model.dispose();
  return { loss, grads: out, names, leaked: tf.memory().numTensors - before };
}

test.serial('LeNet training step, batch 128: wasm gives the loss and gradients of cpu', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const cpu = await trainingStep('cpu', ir, 128);
  const wasm = await trainingStep('wasm', ir, 128);
  t.true(Number.isFinite(cpu.loss) && cpu.loss > 1, `cpu loss ${cpu.loss}`);
  t.true(Math.abs(wasm.loss - cpu.loss) <= 1e-5 * cpu.loss, `loss: wasm ${wasm.loss}, cpu ${cpu.loss}`);
  t.deepEqual(wasm.names, cpu.names);
  t.is(cpu.grads.length, 10);
  cpu.grads.forEach((g, i) => assertClose(t, wasm.grads[i], g, 1e-4, cpu.names[i]));
  t.is(wasm.leaked, 0, 'no tensors left on wasm');
  t.is(cpu.leaked, 0, 'no tensors left on cpu');
});

test.serial('grouped, depthwise (×1, ×2), dilated conv with batchnorm, lrn, pools, batch 16: wasm gives the loss and gradients of cpu', async (t) => {
  // Convolutions before batchnorm have no bias: its gradient is zero up to rounding, so no relative check fits it.
  const ir = mustCompile(`network W {
    input [4, 12, 12]
    conv(8, kernel: 3, pad: 1, groups: 2, bias: false); batchnorm; relu
    conv(16, kernel: 3, stride: 2, pad: 1, groups: 8, bias: false); batchnorm; relu
    conv(16, kernel: 3, pad: 2, dilation: 2, groups: 16); channel_shuffle(4)
    conv(12, kernel: 1, groups: 4); lrn(3, alpha: 0.5); relu; maxpool(3, stride: 2, pad: 1)
    avgpool(2, stride: 1, pad: 1); global_avgpool; flatten; dense(10)
  }`);
  const cpu = await trainingStep('cpu', ir, 16);
  const wasm = await trainingStep('wasm', ir, 16);
  t.true(Math.abs(wasm.loss - cpu.loss) <= 1e-5 * cpu.loss, `loss: wasm ${wasm.loss}, cpu ${cpu.loss}`);
  t.deepEqual(wasm.names, cpu.names);
  // batchnorm1.weight's gradient is zero up to rounding (batchnorm2 undoes any rescaling of its branch while
  // batchnorm1.bias is 0), so each tensor's error is measured against at least 1% of the largest gradient.
  const largest = Math.max(...cpu.grads.map((g) => Math.max(...Array.from(g, Math.abs))));
  cpu.grads.forEach((g, i) => assertClose(t, wasm.grads[i], g, 1e-4, cpu.names[i], 1e-2 * largest));
  t.is(wasm.leaked, 0, 'no tensors left on wasm');
  t.is(cpu.leaked, 0, 'no tensors left on cpu');
});

/** dx of sum(maxPool(x) · dy) on `backend` for one 2×2 window per example. */
async function maxPoolGradient(backend: Backend, x: Float32Array): Promise<Float32Array> {
  await tf.setBackend(backend);
  const n = x.length / 4;
  const input = tf.tensor4d(x, [n, 2, 2, 1]);
  const dy = tf.ones([n, 1, 1, 1]);
  const dx = tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'))(input, dy);
  const data = (await dx.data()) as Float32Array;
  tf.dispose([input, dy, dx]);
  return data;
}

// tfjs-backend-wasm 4.22's own MaxPoolGrad misroutes the gradient of an all-negative window (harmless after
// relu, wrong for `conv; maxpool; relu`); netc registers its own.
test.serial('maxpool gradient over all-negative windows: wasm = cpu (netc replaces tfjs-backend-wasm\'s MaxPoolGrad)', async (t) => {
  const x = Float32Array.from([-4, -3, -2, -1, -0.5, -0.1, -0.7, -0.2, 1, -2, 0.5, 3]);
  const cpu = await maxPoolGradient('cpu', x);
  t.deepEqual(Array.from(cpu), [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1], 'cpu routes each window\'s gradient to its maximum');
  const wasm = await maxPoolGradient('wasm', x);
  t.deepEqual(Array.from(wasm), Array.from(cpu));
});

test.serial('maxpool gradient on wasm = cpu when every window has a non-negative maximum', async (t) => {
  const rng = new Rng(12);
  const x = Float32Array.from({ length: 64 * 4 }, (_, i) => (i % 4 === 0 ? rng.uniform(0, 1) : rng.uniform(-1, 1)));
  const cpu = await maxPoolGradient('cpu', x);
  const wasm = await maxPoolGradient('wasm', x);
  t.is(cpu.reduce((a, b) => a + b, 0), 64);
  t.deepEqual(Array.from(wasm), Array.from(cpu));
});
