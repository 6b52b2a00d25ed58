// Structural lowerings: input, add (residual), concat (channels / features), scale (per-channel gate).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const mergeLowerings: LoweringTable = {
  input: (_n, [x]) => x,
  add: (_n, [a, b]) => tf.add(a, b),
  concat: (_n, xs) => tf.concat(xs, xs[0].rank - 1),
  scale(_n, [x, gate]) {
    // A [N, C] gate broadcasts over height and width; [N, 1, 1, C] and [N, H, W, C] already do.
    const g = gate.rank === 2 ? tf.reshape(gate, [gate.shape[0], 1, 1, gate.shape[1] as number]) : gate;
    return tf.mul(x, g);
  },
};
