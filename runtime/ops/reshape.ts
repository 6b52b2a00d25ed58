// flatten lowering: NHWC -> NCHW -> [N, C·H·W], so features are in PyTorch's order; or, where only a dense
// reads it, NHWC order as is (the dense permutes its weight rows to match: a [400, 120] weight instead of a
// [256, 400] activation, and no transpose in the backward pass).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const reshapeLowerings: LoweringTable = {
  flatten(_node, [x], _p, _ctx, { choice }) {
    if (x.rank === 2) return x;
    const [n, h, w, c] = x.shape;
    if (choice.channelsLastFlatten) return tf.reshape(x, [n, h * w * c]);
    return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, c * h * w]);
  },
};
