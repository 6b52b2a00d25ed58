// BatchNorm's training op on wasm's NetcBatchNormTrain and NetcBatchNormTrainGrad kernels
// (runtime/backends/wasm/kernels/batchnorm.ts) gives the cpu backend's composite: the output, batch mean and
// variance, and the gradients of x, γ and β — for channel counts whose rows do not fill a 16-byte period (6),
// a large feature map (the tail of rows past the last full period, an uncentred input), a channel count past
// the kernels' rows (127: the composite runs), and a dense layer's [N, C] — leaving no tensor behind.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { batchNormTraining } from '../../runtime/ops/batchnorm_train.js';
import { wasmBatchNormApplies } from '../../runtime/backends/wasm/kernels/batchnorm.js';
import { seededValues, startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

/** [loss, dx, dγ, dβ, mean, variance] of Σ BN(x)·r on `backend`, and the tensors the step left behind. */
async function batchNormOn(backend: 'cpu' | 'wasm', shape: number[]): Promise<{ values: Float32Array[]; leaked: number }> {
  await tf.setBackend(backend);
  const c = shape[shape.length - 1];
  // Mean 5, spread 3: a variance computed as E[x²] − E[x]² would lose digits here.
  const x = tf.tensor(seededValues(shape, 1).map((v) => 5 + 3 * v), shape);
  const gamma = tf.tensor1d(seededValues([c], 2, 0.5, 1.5));
  const beta = tf.tensor1d(seededValues([c], 3));
  const r = tf.tensor(seededValues(shape, 4), shape);
  const before = tf.memory().numTensors;
  let stats: tf.Tensor[] = [];
  const f = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const out = batchNormTraining(xs, g, b, 1e-5);
    stats = [out.mean, out.variance];
    return tf.sum(tf.mul(out.y, r)) as tf.Scalar;
  };
  const { value, grads } = tf.valueAndGrads(f)([x, gamma, beta]);
  const values = await Promise.all([value, ...grads, ...stats].map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([value, ...grads, ...stats]);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, gamma, beta, r]);
  return { values, leaked };
}

const names = ['loss', 'dx', 'dγ', 'dβ', 'mean', 'variance'];
for (const shape of [[64, 28, 28, 32], [7, 5, 5, 6], [3, 4, 4, 96], [2, 3, 3, 127], [5, 10]]) {
  test.serial(`BatchNorm training ${JSON.stringify(shape)}: wasm = cpu, output, statistics and gradients`, async (t) => {
    const cpu = await batchNormOn('cpu', shape);
    const wasm = await batchNormOn('wasm', shape);
    t.is(wasm.leaked, 0);
    cpu.values.forEach((expected, i) => {
      const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const worst = expected.reduce((m, v, j) => Math.max(m, Math.abs(v - wasm.values[i][j])), 0);
      t.true(worst <= 1e-4 * scale, `${names[i]}: worst difference ${worst} (scale ${scale})`);
    });
  });
}

test('the kernels take float32 feature maps whose channel rows fit, and leave the rest to the composite', (t) => {
  t.true(wasmBatchNormApplies({ shape: [8, 4, 4, 96], dtype: 'float32' } as unknown as tf.TensorInfo));
  t.false(wasmBatchNormApplies({ shape: [8, 4, 4, 127], dtype: 'float32' } as unknown as tf.TensorInfo));
});
