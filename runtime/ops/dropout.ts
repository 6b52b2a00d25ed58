// dropout and stochastic_depth lowerings: a fresh seeded mask every training step, scaled by 1/(1 − p);
// identity in eval. stochastic_depth draws one value per example (torchvision's "row" mode).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const dropoutLowerings: LoweringTable = {
  dropout(node, [x], _p, ctx) {
    const p = node.attrs.p as number;
    if (!ctx.training || p === 0) return x;
    return tf.dropout(x, p, undefined, ctx.seed());
  },
  stochastic_depth(node, [x], _p, ctx) {
    const p = node.attrs.p as number;
    if (!ctx.training || p === 0) return x;
    const perExample = [x.shape[0], ...x.shape.slice(1).map(() => 1)];
    const keep = tf.cast(tf.less(tf.randomUniform(perExample, 0, 1, 'float32', ctx.seed()), 1 - p), 'float32');
    return tf.mul(x, tf.div(keep, 1 - p));
  },
};
