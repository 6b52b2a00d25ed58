// batchnorm (batch statistics while training, with its closed-form gradient: batchnorm_train.ts; running
// statistics in eval), layernorm and groupnorm (group_norm.ts), lrn (PyTorch's formula) and layerscale.
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';
import { batchNormTraining } from './batchnorm_train.js';
import { groupNorm, layerNorm } from './group_norm.js';

export const normLowerings: LoweringTable = {
  batchnorm(node, [x], p, ctx) {
    const eps = node.attrs.eps as number;
    // A frozen batchnorm (statistics 'fixed') normalizes with its running statistics while the rest trains.
    if (ctx.training && !ctx.fixedStatistics?.has(node.name)) {
      const { y, mean, variance } = batchNormTraining(x, p.weight, p.bias, eps);
      // Running statistics take the unbiased variance, as PyTorch does.
      const n = x.size / x.shape[x.rank - 1];
      ctx.recordBatchStats(node, mean, tf.mul(variance, n / Math.max(1, n - 1)));
      variance.dispose(); // the batch mean now belongs to the recorded statistics
      return y;
    }
    const normalized = tf.mul(tf.sub(x, p.running_mean), tf.rsqrt(tf.add(p.running_var, eps)));
    return tf.add(tf.mul(normalized, p.weight), p.bias);
  },

  layernorm: (node, [x], p) => layerNorm(x, p, node.attrs.eps as number),
  groupnorm: (node, [x], p) => groupNorm(x, p, node.attrs.groups as number, node.attrs.eps as number),
  layerscale: (_node, [x], p) => tf.mul(x, p.weight),

  lrn(node, [x]) {
    // b_c = a_c / (k + α/n · Σ_{c' ∈ [c − ⌊n/2⌋, c + ⌊(n−1)/2⌋]} a_{c'}²)^β  (torch.nn.LocalResponseNorm)
    const n = node.attrs.size as number;
    const alpha = node.attrs.alpha as number;
    const beta = node.attrs.beta as number;
    const k = node.attrs.k as number;
    const [batch, h, w, c] = x.shape;
    const squares = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [Math.floor(n / 2), Math.floor((n - 1) / 2)]]);
    const windows = Array.from({ length: n }, (_, j) => tf.slice(squares, [0, 0, 0, j], [batch, h, w, c]));
    const sum = n === 1 ? windows[0] : tf.addN(windows);
    return tf.div(x, tf.pow(tf.add(tf.mul(sum, alpha / n), k), beta));
  },
};
