// Folding an eval-mode batchnorm into the conv or dense before it: y = (x·W + b − μ)·γ/√(σ² + ε) + β
// becomes x·W' + b' with W' = W·s and b' = (b − μ)·s + β, s = γ/√(σ² + ε), per output channel.
import * as tf from '../tfjs.js';
import type { NodeParams } from './lowering.js';

/** `outShape`: how the per-channel scale broadcasts over the weight's trailing axes ([c, m] for depthwise). */
export function foldNorm(weight: tf.Tensor, bias: tf.Tensor | undefined, norm: NodeParams, eps: number, outShape?: number[]): { weight: tf.Tensor; bias: tf.Tensor } {
  const scale = tf.mul(norm.weight, tf.rsqrt(tf.add(norm.running_var, eps)));
  const folded = tf.mul(weight, outShape ? tf.reshape(scale, outShape) : scale);
  const shifted = bias ? tf.sub(bias, norm.running_mean) : tf.neg(norm.running_mean);
  return { weight: folded, bias: tf.add(tf.mul(shifted, scale), norm.bias) };
}
