// channel_shuffle lowering: [N, H, W, g·k] -> [N, H, W, g, k] -> swap the last two -> [N, H, W, k·g].
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const shuffleLowerings: LoweringTable = {
  channel_shuffle(node, [x]) {
    const g = node.attrs.groups as number;
    const [n, h, w, c] = x.shape;
    return tf.reshape(tf.transpose(tf.reshape(x, [n, h, w, g, c / g]), [0, 1, 2, 4, 3]), [n, h, w, c]);
  },
};
