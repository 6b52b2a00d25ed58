// netc's wasm Sum and Mean over every axis but the last (a hand-assembled SIMD function on tfjs's memory)
// give the cpu backend's results for channel counts whose rows repeat every 4, 8, 12, 20 or 120 floats, for
// sizes with a tail past the last whole row, with and without keepDims, and with axes in any order; other
// reductions and dtypes go to tfjs's kernels; nothing leaks.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { seededValues, startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

const random = (shape: number[], seed: number) => seededValues(shape, seed, -1, 2);

async function reduce(backend: 'cpu' | 'wasm', op: 'sum' | 'mean', shape: number[], axes: number | number[], keepDims: boolean, dtype: 'float32' | 'int32' = 'float32') {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const values = random(shape, 5);
  const x = dtype === 'int32' ? tf.tensor(Int32Array.from(values, (v) => Math.round(v * 10)), shape, 'int32') : tf.tensor(values, shape);
  const y = tf[op](x, axes, keepDims);
  const out = { shape: y.shape, values: Array.from(await y.data()) };
  tf.dispose([x, y]);
  return { ...out, leaked: tf.memory().numTensors - before };
}

const cases: [number[], number | number[], boolean][] = [
  [[256, 28, 28, 6], [0, 1, 2], false], // LeNet's bias gradient: rows of 12 floats
  [[256, 24, 24, 6], [0, 1, 2], true], // LeNet-BN's statistics
  [[64, 10, 10, 16], [0, 1, 2], false],
  [[33, 10, 10, 5], [0, 1, 2], false], // rows of 20 floats, and a tail
  [[20, 20, 20, 3], [2, 1, 0], false], // axes in any order
  [[999, 7, 1], [-3, -2], true], // negative axes; rows of 4 floats (C = 1)
  [[300, 120], 0, true], // features: rows of 120 floats
  [[4097, 2], [0], false], // C = 2, odd row count
  [[2000, 127], [0], false], // rows of 508 floats: more than the function unrolls, so tfjs's kernel
];

for (const [shape, axes, keepDims] of cases) {
  for (const op of ['sum', 'mean'] as const) {
    test.serial(`${op} of [${shape}] over ${JSON.stringify(axes)}${keepDims ? ', keepDims' : ''}: wasm = cpu`, async (t) => {
      const want = await reduce('cpu', op, shape, axes, keepDims);
      const got = await reduce('wasm', op, shape, axes, keepDims);
      t.deepEqual(got.shape, want.shape);
      t.is(got.leaked, 0);
      const worst = Math.max(...want.values.map((v, i) => Math.abs(got.values[i] - v) / Math.max(1, Math.abs(v))));
      // float32 sums of up to 200k terms, in a different order: ~1e-6 relative.
      t.true(worst < 2e-5, `worst relative difference ${worst}`);
    });
  }
}

test.serial('reductions netc does not take (the last axis, all axes, int32) still match cpu', async (t) => {
  for (const [shape, axes, dtype] of [[[64, 10, 6], [2], 'float32'], [[64, 10, 6], [0, 1, 2], 'float32'], [[64, 100, 6], [0, 1], 'int32']] as const) {
    const want = await reduce('cpu', 'sum', [...shape], [...axes], false, dtype);
    const got = await reduce('wasm', 'sum', [...shape], [...axes], false, dtype);
    t.deepEqual(got.shape, want.shape);
    t.true(got.values.every((v, i) => Math.abs(v - want.values[i]) <= 1e-3 * Math.max(1, Math.abs(want.values[i]))), `${shape} over ${axes} (${dtype})`);
  }
});
