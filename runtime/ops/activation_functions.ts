// The activations tfjs has no single op for, as differentiable compositions with PyTorch's formulas.
// Each works on every backend: they use only ops whose kernels (and gradients) cpu, wasm and webgpu have.
import * as tf from '../tfjs.js';

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** x if x > 0, else α·(eˣ − 1); expm1 sees min(x, 0) only, so large x neither overflows nor poisons the gradient. */
export function elu(x: tf.Tensor, alpha: number): tf.Tensor {
  if (alpha === 1) return tf.elu(x);
  return tf.add(tf.relu(x), tf.mul(tf.expm1(tf.minimum(x, 0)), alpha));
}

/** x·σ(x) (SiLU, swish). */
export const silu = (x: tf.Tensor): tf.Tensor => tf.mul(x, tf.sigmoid(x));

/** x·Φ(x): exact, ½x(1 + erf(x/√2)); or PyTorch's tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export function gelu(x: tf.Tensor, approximate: string): tf.Tensor {
  const inner = approximate === 'tanh' ? tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI)) : tf.erf(tf.mul(x, SQRT_HALF));
  return tf.mul(tf.mul(x, 0.5), tf.add(inner, 1));
}

/** relu6(x + 3) / 6. */
export const hardsigmoid = (x: tf.Tensor): tf.Tensor => tf.div(tf.relu6(tf.add(x, 3)), 6);

/** x·relu6(x + 3) / 6. */
export const hardswish = (x: tf.Tensor): tf.Tensor => tf.mul(x, hardsigmoid(x));

/** x·tanh(softplus(x)). */
export const mish = (x: tf.Tensor): tf.Tensor => tf.mul(x, tf.tanh(tf.softplus(x)));
