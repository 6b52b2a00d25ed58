// netc's faster wasm paths for broadcasting ops, AvgPool and its gradient, Identity and Cast compute what the cpu backend
// computes (forward and gradients, both operand orders, shapes above and below the size where they engage),
// and the memory-sharing kernels neither leak nor free memory still in use.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { seededValues, startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

const random = (shape: number[], seed: number, low = -1) => seededValues(shape, seed, low);

type Op = 'add' | 'sub' | 'mul' | 'div';
const ops: Record<Op, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = { add: tf.add, sub: tf.sub, mul: tf.mul, div: tf.div };

/** op(a, b), and the gradients of sum(op(a, b) · dy) for a and b, on `backend`. */
async function binary(backend: 'cpu' | 'wasm', op: Op, aShape: number[], bShape: number[]) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  // Divisors stay away from zero.
  const a = tf.tensor(random(aShape, 1, op === 'div' ? 0.5 : -1), aShape);
  const b = tf.tensor(random(bShape, 2, op === 'div' ? 0.5 : -1), bShape);
  const outShape = tf.broadcast_util.assertAndGetBroadcastShape(aShape, bShape);
  const dy = tf.tensor(random(outShape, 3), outShape);
  const y = ops[op](a, b);
  const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => ops[op](p, q))([a, b], dy);
  const out = { y: await y.data(), ga: await ga.data(), gb: await gb.data() };
  tf.dispose([a, b, dy, y, ga, gb]);
  return { ...out, leaked: tf.memory().numTensors - before };
}

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Number.isNaN(a[i]) ? Infinity : Math.abs(a[i] - b[i]));
  return a.length === b.length ? worst / Math.max(scale, 1e-30) : Infinity;
}

const cases: [number[], number[]][] = [
  [[16, 16, 16, 6], [6]], // a per-channel bias over a feature map (engages)
  [[16, 16, 16, 6], [1, 1, 1, 6]], // batch statistics kept with their dims
  [[16, 16, 16, 6], []], // a scalar (tfjs's kernel)
  [[16, 16, 16, 6], [1]],
  [[512, 40], [40]], // dense features (40 channels: netc's SIMD function)
  [[4099, 5], [5]], // rows of 20 floats and a tail past the last whole row
  [[300, 127], [127]], // rows of 508 floats: longer than the SIMD function unrolls (the depthwise path or tfjs)
  [[4096, 8], [8]], // 8 channels
  [[4, 5, 5, 3], [3]], // below the size where the replacement engages
  [[16, 16, 16, 6], [16, 1, 1, 6]], // not a channel vector: the original kernel
];
for (const op of Object.keys(ops) as Op[])
  for (const [big, small] of cases)
    for (const order of ['tensor first', 'vector first'] as const) {
      const [aShape, bShape] = order === 'tensor first' ? [big, small] : [small, big];
      test.serial(`${op}([${aShape}], [${bShape}]) and its gradients: wasm = cpu`, async (t) => {
        const cpu = await binary('cpu', op, aShape, bShape);
        const wasm = await binary('wasm', op, aShape, bShape);
        t.true(maxRelativeError(wasm.y, cpu.y) <= 1e-6, `values: ${maxRelativeError(wasm.y, cpu.y)}`);
        t.true(maxRelativeError(wasm.ga, cpu.ga) <= 1e-5, `gradient of a: ${maxRelativeError(wasm.ga, cpu.ga)}`);
        t.true(maxRelativeError(wasm.gb, cpu.gb) <= 1e-5, `gradient of b: ${maxRelativeError(wasm.gb, cpu.gb)}`);
        t.is(wasm.leaked, 0);
      });
    }

async function avgPoolAndGradient(backend: 'cpu' | 'wasm', shape: [number, number, number, number], k: [number, number], stride: [number, number]) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(random(shape, 4), shape);
  const y = tf.avgPool(x, k, stride, 'valid');
  const dy = tf.tensor(random(y.shape, 5), y.shape);
  const dx = tf.grad((p: tf.Tensor) => tf.avgPool(p as tf.Tensor4D, k, stride, 'valid'))(x, dy);
  const [pooled, gradient] = [await y.data(), await dx.data()];
  tf.dispose([x, y, dy, dx]);
  return { pooled, gradient, leaked: tf.memory().numTensors - before };
}

const pools: [[number, number, number, number], [number, number], [number, number]][] = [
  [[64, 28, 28, 6], [2, 2], [2, 2]], // LeNet's: windows tile the input (netc's SIMD code)
  [[8, 9, 9, 3], [3, 3], [3, 3]],
  [[8, 8, 9, 5], [2, 3], [2, 3]], // rectangular windows, 5 channels: a vector and a 1-float tail
  [[4, 6, 6, 16], [2, 2], [2, 2]],
  [[4, 6, 8, 1], [2, 2], [2, 2]],
  [[8, 10, 10, 3], [3, 3], [2, 2]], // overlapping: tfjs's kernels
  [[8, 9, 8, 4], [2, 2], [2, 2]], // 9 rows do not tile: tfjs's kernels
];

for (const [shape, k, stride] of pools)
  test.serial(`avgpool ${k.join('×')}, stride ${stride.join('×')} over [${shape}]: wasm = cpu, forward and gradient`, async (t) => {
    const cpu = await avgPoolAndGradient('cpu', [...shape], k, stride);
    const wasm = await avgPoolAndGradient('wasm', [...shape], k, stride);
    t.true(maxRelativeError(wasm.pooled, cpu.pooled) <= 1e-6, `forward: ${maxRelativeError(wasm.pooled, cpu.pooled)}`);
    t.true(maxRelativeError(wasm.gradient, cpu.gradient) <= 1e-6, `gradient: ${maxRelativeError(wasm.gradient, cpu.gradient)}`);
    t.is(wasm.leaked, 0);
  });

test.serial('Identity and same-dtype Cast share memory: the copy outlives its source, and all memory is freed', async (t) => {
  await tf.setBackend('wasm');
  const backend = tf.engine().backend as unknown as { numDataIds(): number };
  const ids = backend.numDataIds();
  const before = tf.memory().numTensors;
  const x = tf.tensor1d([1, 2, 3]);
  const copy = tf.clone(x);
  const cast = tf.cast(x, 'float32');
  const asInt = tf.cast(x, 'int32');
  x.dispose();
  t.deepEqual(Array.from(await copy.data()), [1, 2, 3]);
  t.deepEqual(Array.from(await cast.data()), [1, 2, 3]);
  t.deepEqual(Array.from(await asInt.data()), [1, 2, 3]);
  t.is(asInt.dtype, 'int32');
  copy.dispose();
  t.deepEqual(Array.from(await cast.data()), [1, 2, 3], 'still readable after the other sharer is gone');
  tf.dispose([cast, asInt]);
  t.is(tf.memory().numTensors, before);
  t.is(backend.numDataIds(), ids, 'every buffer is freed once its last sharer is disposed');
});

const transposes: [number[], number[], 'float32' | 'int32'][] = [
  [[256, 28, 28, 6], [1, 2, 0, 3], 'float32'], // a filter gradient's output gradient: [A, B, C] -> [B, A, C]
  [[50, 7, 9, 5], [2, 0, 1, 3], 'float32'],
  [[5, 1000, 8], [1, 0, 2], 'int32'],
  [[7, 6, 5, 4, 3], [3, 0, 1, 2, 4], 'float32'],
  [[256, 5, 5, 16], [0, 3, 1, 2], 'float32'], // NHWC -> NCHW (LeNet's flatten): per-image transposes
  [[256, 16, 5, 5], [0, 2, 3, 1], 'float32'], // and back (its gradient)
  [[64, 7, 9, 3], [0, 3, 1, 2], 'int32'],
  [[50, 400, 3], [0, 2, 1], 'float32'],
  [[4, 80, 80, 1], [0, 3, 1, 2], 'float32'], // 6,400 elements per image: past the unrolled size, tfjs's kernel
  [[64, 28, 28, 1], [3, 1, 2, 0], 'float32'], // the first axis moves: tfjs's kernel
  [[4, 5, 6, 7], [0, 2, 1, 3], 'float32'], // not two swapped runs: tfjs's kernel
];

for (const [shape, perm, dtype] of transposes) {
  test.serial(`transpose [${shape}] by [${perm}] (${dtype}): wasm = cpu`, async (t) => {
    const values = random(shape, 9).map((v) => (dtype === 'int32' ? Math.round(v * 1000) : v));
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const x = tf.tensor(values, shape, dtype);
      const y = tf.transpose(x, perm);
      const out = { shape: y.shape, data: Array.from(await y.data()) };
      tf.dispose([x, y]);
      return { ...out, leaked: tf.memory().numTensors - before };
    };
    const want = await run('cpu');
    const got = await run('wasm');
    t.deepEqual(got.shape, want.shape);
    t.is(got.leaked, 0);
    t.true(got.data.every((v, i) => v === want.data[i]), 'a transpose moves values exactly');
  });
}
