// flatten lowering: NHWC -> NCHW -> [N, C·H·W], so features are in PyTorch's order.
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const reshapeLowerings: LoweringTable = {
  flatten(_node, [x]) {
    if (x.rank === 2) return x;
    const [n, h, w, c] = x.shape;
    return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, c * h * w]);
  },
};
