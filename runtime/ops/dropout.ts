// dropout lowering: a fresh seeded mask every training step, scaled by 1/(1 − p); identity in eval.
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const dropoutLowerings: LoweringTable = {
  dropout(node, [x], _p, ctx) {
    const p = node.attrs.p as number;
    if (!ctx.training || p === 0) return x;
    return tf.dropout(x, p, undefined, ctx.seed());
  },
};
