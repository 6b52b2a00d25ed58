// conv lowering: NHWC conv2d, depthwise conv for groups = channels, split/conv/concat for other groups.
// Dilation is lowered by dilating the filter (zeros between taps), because tfjs has no gradient for
// dilated conv2d and forbids stride and dilation together.
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';

/** Inserts (d − 1) zeros between the taps of a [kh, kw, in, out] filter, differentiably. */
export function dilateFilter(w: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  let f = w;
  const [kh0] = f.shape;
  if (dh > 1) {
    const [kh, kw, i, o] = f.shape;
    const spaced = tf.concat([tf.reshape(f, [kh, 1, kw, i, o]), tf.zeros([kh, dh - 1, kw, i, o])], 1);
    f = tf.slice(tf.reshape(spaced, [kh * dh, kw, i, o]), [0, 0, 0, 0], [(kh0 - 1) * dh + 1, kw, i, o]) as tf.Tensor4D;
  }
  if (dw > 1) {
    const [kh, kw, i, o] = f.shape;
    const spaced = tf.concat([tf.reshape(f, [kh, kw, 1, i, o]), tf.zeros([kh, kw, dw - 1, i, o])], 2);
    f = tf.slice(tf.reshape(spaced, [kh, kw * dw, i, o]), [0, 0, 0, 0], [kh, (kw - 1) * dw + 1, i, o]) as tf.Tensor4D;
  }
  return f;
}

export const convLowerings: LoweringTable = {
  conv(node, [x], p) {
    const input = x as tf.Tensor4D;
    const groups = node.attrs.groups as number;
    const inC = input.shape[3];
    const stride = pair(node.attrs.stride);
    const [ph, pw] = pair(node.attrs.pad);
    const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
    const dilation = pair(node.attrs.dilation);
    const depthwise = groups === inC && inC > 1;
    const w = dilation[0] > 1 || dilation[1] > 1 ? dilateFilter(p.weight as tf.Tensor4D, dilation) : (p.weight as tf.Tensor4D);
    let y: tf.Tensor4D;
    if (depthwise) y = tf.depthwiseConv2d(input, w, stride, padding);
    else if (groups === 1) y = tf.conv2d(input, w, stride, padding);
    else {
      const xs = tf.split(input, groups, 3);
      const ws = tf.split(w, groups, 3);
      y = tf.concat(xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, stride, padding)), 3);
    }
    return p.bias ? tf.add(y, p.bias) : y;
  },
};
