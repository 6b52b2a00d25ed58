// layernorm over channels and groupnorm, on channels-last tensors: normalize with the example's own
// statistics (biased variance, as PyTorch), then the per-channel affine map. Autodiff differentiates them.
import * as tf from '../tfjs.js';
import type { NodeParams } from './lowering.js';

/** Over the last axis (channels at each position, or the features of a flat input). */
export function layerNorm(x: tf.Tensor, p: NodeParams, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, x.rank - 1, true);
  const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normalized, p.weight), p.bias);
}

/** Over each group of C/groups channels and every position of one example. */
export function groupNorm(x: tf.Tensor, p: NodeParams, groups: number, eps: number): tf.Tensor {
  // A flat [N, F] input is F channels at one position.
  const [n, h, w, c] = (x.rank === 2 ? [x.shape[0], 1, 1, x.shape[1]] : x.shape) as [number, number, number, number];
  const grouped = tf.reshape(x, [n, h, w, groups, c / groups]);
  const { mean, variance } = tf.moments(grouped, [1, 2, 4], true);
  const normalized = tf.reshape(tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, eps))), x.shape);
  return tf.add(tf.mul(normalized, p.weight), p.bias);
}
