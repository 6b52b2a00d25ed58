// netc's MaxPoolGrad on wasm (max_pool_grad.ts) routes dy as tfjs-backend-cpu does: to each window's first
// maximum, padding skipped, overlapping windows summed — for odd shapes, strides, paddings, ties and batch 1.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { seededValues, sizeOf, startWasmForTests } from '../helpers/wasm.js';
import { observeCompiledModules } from '../../runtime/backends/wasm/memory.js';

test.before(startWasmForTests);

interface PoolCase { x: [number, number, number, number]; k: number; stride: number; pad: 'valid' | 'same' | number; ties?: boolean }

/** dx of sum(maxPool(x) · dy) on `backend`, with the tensors it left behind. */
async function gradient(backend: 'cpu' | 'wasm', s: PoolCase): Promise<{ dx: Float32Array; leaked: number }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const values = seededValues(s.x, 1);
  // Ties: values on a coarse grid, so that windows hold equal maxima (the first one must win).
  const x = tf.tensor4d(s.ties ? values.map((v) => Math.round(v * 2) / 2) : values, s.x);
  const f = (a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, s.k, s.stride, s.pad);
  const yShape = tf.tidy(() => f(x).shape);
  const dy = tf.tensor(seededValues(yShape, 2), yShape);
  const dx = tf.grad(f)(x, dy);
  const data = (await dx.data()) as Float32Array;
  tf.dispose([x, dy, dx]);
  return { dx: data, leaked: tf.memory().numTensors - before };
}

const cases: PoolCase[] = [
  { x: [2, 8, 8, 4], k: 2, stride: 2, pad: 'valid' },
  { x: [3, 7, 9, 8], k: 2, stride: 2, pad: 'valid' },
  { x: [2, 14, 14, 16], k: 3, stride: 2, pad: 1 },
  { x: [1, 7, 7, 12], k: 3, stride: 2, pad: 1 },
  { x: [2, 9, 10, 8], k: 3, stride: 2, pad: 'same' },
  { x: [2, 6, 6, 4], k: 3, stride: 1, pad: 1 },
  { x: [1, 5, 5, 4], k: 3, stride: 1, pad: 'valid', ties: true },
  { x: [2, 8, 8, 8], k: 2, stride: 2, pad: 'valid', ties: true },
  { x: [2, 11, 11, 4], k: 3, stride: 2, pad: 1, ties: true },
  { x: [2, 6, 6, 6], k: 2, stride: 2, pad: 'valid' }, // 6 channels: tfjs's kernel, shifted (pooling.ts)
];

for (const s of cases) {
  test.serial(`maxpool k=${s.k} s=${s.stride} pad=${s.pad} [${s.x.join(',')}]${s.ties ? ' with ties' : ''}: wasm gradient = cpu`, async (t) => {
    const cpu = await gradient('cpu', s);
    const wasm = await gradient('wasm', s);
    t.is(wasm.dx.length, sizeOf(s.x));
    t.true(cpu.dx.some((v) => v !== 0), 'cpu gradient not all zero');
    let worst = 0;
    for (let i = 0; i < cpu.dx.length; i++) worst = Math.max(worst, Math.abs(wasm.dx[i] - cpu.dx[i]));
    t.true(worst <= 1e-6, `max error ${worst}`);
    t.is(wasm.leaked, 0, 'no tensors left on wasm');
  });
}

test.serial('maxpool gradient on wasm of all-negative windows (4 channels, netc\'s kernel) = cpu', async (t) => {
  const s: PoolCase = { x: [2, 4, 4, 4], k: 2, stride: 2, pad: 'valid' };
  await tf.setBackend('cpu');
  const run = async (backend: 'cpu' | 'wasm') => {
    await tf.setBackend(backend);
    const x = tf.tensor4d(seededValues(s.x, 3, -5, -1), s.x);
    const dx = tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'))(x);
    const data = Array.from(await dx.data());
    tf.dispose([x, dx]);
    return data;
  };
  const cpu = await run('cpu');
  t.is(cpu.reduce((a, b) => a + b, 0), 8 * 4);
  t.deepEqual(await run('wasm'), cpu);
});

test.serial('a 3×3/2 maxpool gradient with 20 channels runs on netc\'s code (a module is compiled for it)', async (t) => {
  const keys: string[] = [];
  observeCompiledModules((key) => keys.push(key));
  await gradient('wasm', { x: [1, 5, 6, 20], k: 3, stride: 2, pad: 1 });
  observeCompiledModules(undefined);
  t.true(keys.some((k) => k.startsWith('maxPoolGrad:')), `compiled: ${keys.join(' ')}`);
});
