// flatten lowering: NHWC -> NCHW -> [N, C·H·W], so features are in PyTorch's order; slice: a range of the
// last axis (channels in NHWC, or features).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const reshapeLowerings: LoweringTable = {
  flatten(_node, [x]) {
    if (x.rank === 2) return x;
    const [n, h, w, c] = x.shape;
    return tf.reshape(tf.transpose(x, [0, 3, 1, 2]), [n, c * h * w]);
  },
  slice(node, [x]) {
    const [start, end] = [node.attrs.start as number, node.attrs.end as number];
    const begin = x.shape.map((_, i) => (i === x.rank - 1 ? start : 0));
    const size = x.shape.map((d, i) => (i === x.rank - 1 ? end - start : d));
    return tf.slice(x, begin, size);
  },
};
