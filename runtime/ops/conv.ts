// conv lowering: NHWC conv2d, depthwise conv for groups = channels, the grouped conv op for other groups
// (grouped_conv.ts: one kernel where the backend has it, else split/conv/concat);
// bias, a following activation and (in eval) a following batchnorm go into one fused op where the plan says.
// Dilation is lowered by dilating the filter (zeros between taps), because tfjs has no gradient for
// dilated conv2d and forbids stride and dilation together.
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';
import { foldNorm } from './fold_norm.js';
import { directConv2d } from '../backends/direct_conv.js';
import { groupedConv2d } from './grouped_conv.js';
import { applyActivation, tfjsFusedArgs, type DirectActivation } from './activations.js';

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
  conv_transpose(node, [x], p) {
    // PyTorch's transposed conv is the input gradient of a conv with the same stride and padding over the
    // [H', W'] output; output_pad only picks H' among the sizes that conv maps back to H.
    const [n] = x.shape;
    const [, oh, ow] = node.shape;
    const [ph, pw] = pair(node.attrs.pad);
    const filter = p.weight as tf.Tensor4D; // [kh, kw, out, in]
    const y = tf.conv2dTranspose(x as tf.Tensor4D, filter, [n, oh, ow, filter.shape[2]], pair(node.attrs.stride), [[0, 0], [ph, ph], [pw, pw], [0, 0]]);
    return p.bias ? tf.add(y, p.bias) : y;
  },
  conv(node, [x], p, _ctx, { choice, paramsOf }) {
    const input = x as tf.Tensor4D;
    const groups = node.attrs.groups as number;
    const inC = input.shape[3];
    const strides = pair(node.attrs.stride);
    const [ph, pw] = pair(node.attrs.pad);
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
    const dilation = pair(node.attrs.dilation);
    // One input channel: the [kh, kw, 1, out] filter doubles as a depthwise filter with multiplier `out`.
    const depthwise = (groups === inC && inC > 1) || choice.depthwiseForm === true;
    let filter = (dilation[0] > 1 || dilation[1] > 1 ? dilateFilter(p.weight as tf.Tensor4D, dilation) : p.weight) as tf.Tensor4D;
    let bias = p.bias as tf.Tensor | undefined;
    if (choice.foldedNorm) {
      const [, , c, m] = filter.shape;
      ({ weight: filter, bias } = foldNorm(filter, bias, paramsOf(choice.foldedNorm.name), choice.foldedNorm.attrs.eps as number, depthwise ? [c, m] : undefined) as { weight: tf.Tensor4D; bias: tf.Tensor });
    }
    const activation = choice.activation ?? 'linear';
    const fusedActivation = tfjsFusedArgs(choice.activation, choice.activationAttrs);
    if (choice.centerTap) {
      const [ty, tx] = choice.centerTap;
      const [, , ci, co] = filter.shape;
      const tap = tf.reshape(tf.slice(filter, [ty, tx, 0, 0], [1, 1, ci, co]), [ci, co]) as tf.Tensor2D;
      const flat = tf.reshape(input, [input.shape[0], ci]) as tf.Tensor2D;
      const y = choice.fused ? tf.fused.matMul({ a: flat, b: tap, bias, ...fusedActivation }) : bias ? tf.add(tf.matMul(flat, tap), bias) : tf.matMul(flat, tap);
      return tf.reshape(y, [input.shape[0], 1, 1, co]);
    }
    // The plan fuses into a direct conv only activations with direct-kernel code.
    if (choice.direct) return directConv2d(input, filter, bias, { strides, pad: [ph, pw], activation: (choice.activation ?? 'linear') as DirectActivation, ...(choice.pooled ? { pool: choice.pooled } : {}) });
    if (!choice.fused) {
      const y = depthwise ? tf.depthwiseConv2d(input, filter, strides, pad) : groups === 1 ? tf.conv2d(input, filter, strides, pad) : groupedConv2d(input, filter, strides, [[ph, ph], [pw, pw]], groups);
      return bias ? tf.add(y, bias) : y;
    }
    if (depthwise && ph === pw) return tf.fused.depthwiseConv2d({ x: input, filter, strides, pad: ph, bias, ...fusedActivation });
    if (depthwise) {
      // tfjs's fused depthwise conv takes only symmetric padding.
      const y = tf.depthwiseConv2d(input, filter, strides, pad);
      const biased = bias ? tf.add(y, bias) : y;
      return applyActivation(activation, biased, choice.activationAttrs);
    }
    if (groups === 1) return tf.fused.conv2d({ x: input, filter, strides, pad, bias, ...fusedActivation });
    const y = groupedConv2d(input, filter, strides, [[ph, ph], [pw, pw]], groups);
    return bias ? tf.add(y, bias) : y;
  },
};
