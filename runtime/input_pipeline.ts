// Turns a CPU batch into the network's input tensor on the device: NHWC, resized and normalized as planned.
import * as tf from './tfjs.js';
import type { InputPlan } from './data/input_fit.js';
import type { Normalization } from './data/normalization.js';

export type { Normalization } from './data/normalization.js';

/** `white`: the value of a white pixel in `x` — 255 for batches of bytes (makeBatch), 1 for [0, 1] pixels.
 * Call inside tf.tidy (or a gradient function): intermediate tensors are not disposed here. */
export function inputTensor(x: Float32Array, batch: number, image: [number, number, number], plan: InputPlan, norm?: Normalization, white = 1): tf.Tensor {
  const [c, h, w] = image;
  let t: tf.Tensor = tf.tensor4d(x, [batch, h, w, c]);
  // IEEE division: v / 255 rounds as JavaScript's Math.fround(v / 255) did when IDX pixels were stored as float32.
  if (white !== 1) t = tf.div(t, white);
  if (plan.resize !== undefined && (plan.resize !== h || plan.resize !== w)) {
    // torchvision's bilinear Resize (align_corners = false) samples at half-pixel centres.
    t = tf.image.resizeBilinear(t as tf.Tensor4D, [plan.resize, plan.resize], false, true);
  }
  if (norm) {
    // One channel: scalars, as before per-channel statistics; more: [C] broadcast over NHWC's last axis.
    const [mean, std] = norm.mean.length === 1 ? [norm.mean[0], norm.std[0]] : [tf.tensor1d(norm.mean), tf.tensor1d(norm.std)];
    t = tf.div(tf.sub(t, mean), std);
  }
  if (plan.flatten) t = tf.reshape(t, [batch, -1]);
  return t;
}
