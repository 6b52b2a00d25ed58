// The grouped conv op (runtime/ops/grouped_conv.ts) with its cpu reference kernels gives what split → conv →
// concat gives — forward, input and filter gradients — for odd group widths, strides, asymmetric padding, batch 1.
import test from 'ava';
import * as tf from '../../../runtime/tfjs.js';
import { groupedConv2d, groupedConvKernel, splitConv, type Pad2 } from '../../../runtime/ops/grouped_conv.js';
import { registerGroupedConvCpu } from '../../../runtime/ops/grouped_conv_cpu.js';
import { seededValues } from '../../helpers/wasm.js';

test.before(async () => {
  await tf.setBackend('cpu');
  registerGroupedConvCpu();
});

interface Case { x: [number, number, number, number]; k: number; out: number; groups: number; stride: [number, number]; pad: Pad2 }

const cases: Case[] = [
  { x: [2, 6, 6, 4], k: 3, out: 6, groups: 2, stride: [1, 1], pad: [[1, 1], [1, 1]] },
  { x: [1, 7, 5, 9], k: 3, out: 6, groups: 3, stride: [2, 2], pad: [[1, 1], [1, 1]] },
  { x: [3, 8, 9, 8], k: 3, out: 16, groups: 8, stride: [2, 1], pad: [[0, 2], [1, 0]] },
  { x: [2, 5, 5, 12], k: 1, out: 8, groups: 4, stride: [1, 1], pad: [[0, 0], [0, 0]] },
  { x: [1, 9, 9, 6], k: 5, out: 9, groups: 3, stride: [3, 3], pad: [[2, 2], [2, 2]] },
];

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

for (const s of cases) {
  test.serial(`grouped conv g=${s.groups} k=${s.k} s=${s.stride} pad=${JSON.stringify(s.pad)} [${s.x.join(',')}] -> ${s.out}: cpu kernels = split/conv/concat`, async (t) => {
    t.truthy(tf.getKernel(groupedConvKernel, 'cpu'));
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(seededValues(s.x, 1), s.x);
    const fShape: [number, number, number, number] = [s.k, s.k, s.x[3] / s.groups, s.out];
    const filter = tf.tensor4d(seededValues(fShape, 2), fShape);
    const kernel = (a: tf.Tensor, b: tf.Tensor) => groupedConv2d(a as tf.Tensor4D, b as tf.Tensor4D, s.stride, s.pad, s.groups);
    const reference = (a: tf.Tensor, b: tf.Tensor) => splitConv(a as tf.Tensor4D, b as tf.Tensor4D, { strides: s.stride, pad: s.pad, groups: s.groups });
    const yShape = tf.tidy(() => reference(x, filter).shape);
    const dy = tf.tensor(seededValues(yShape, 3), yShape);
    const [y1, y2] = [kernel(x, filter), reference(x, filter)];
    t.deepEqual(y1.shape, y2.shape);
    const [g1, g2] = [tf.grads(kernel)([x, filter], dy), tf.grads(reference)([x, filter], dy)];
    const pairs: [string, tf.Tensor, tf.Tensor][] = [['forward', y1, y2], ['input gradient', g1[0], g2[0]], ['filter gradient', g1[1], g2[1]]];
    for (const [what, a, b] of pairs) {
      const [av, bv] = [(await a.data()) as Float32Array, (await b.data()) as Float32Array];
      t.true(maxAbs(bv) > 0, `${what}: not all zero`);
      t.true(maxDiff(av, bv) <= 1e-5 * maxAbs(bv), `${what}: max error ${maxDiff(av, bv)} of ${maxAbs(bv)}`);
    }
    tf.dispose([x, filter, dy, y1, y2, ...g1, ...g2]);
    t.is(tf.memory().numTensors, before, 'no tensors left');
  });
}
