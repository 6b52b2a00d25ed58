// The grouped convolution as one op (issue #15's contract): kernels `NetcGroupedConv2D` and its two backprop
// kernels, NHWC, filter [kh, kw, Cin/groups, Cout], output channel o in group floor(o / (Cout/groups)), dilation 1;
// its gradient (registered once, by the first groupedConv2d that runs the kernel), and groupedConv2d, which runs the kernel where the
// backend has one and split → conv → concat elsewhere. The cpu kernels (grouped_conv_cpu.ts) are the known answer,
// registered by tests (registerGroupedConvCpu); the wasm kernel is not written yet, so wasm runs split → conv → concat.
import * as tf from '../tfjs.js';

export type Pad2 = [[number, number], [number, number]];
export interface GroupedConvAttrs { strides: [number, number]; pad: Pad2; groups: number }

export const groupedConvKernel = 'NetcGroupedConv2D';
export const groupedConvInputKernel = 'NetcGroupedConv2DBackpropInput';
export const groupedConvFilterKernel = 'NetcGroupedConv2DBackpropFilter';

/** [N, OH, OW, Cout] of a grouped conv of x [N, H, W, Cin] with a [kh, kw, Cin/groups, Cout] filter. */
export function groupedOutputShape([n, h, w]: number[], [kh, kw, , co]: number[], { strides: [sh, sw], pad: [[t, b], [l, r]] }: GroupedConvAttrs): [number, number, number, number] {
  return [n, Math.floor((h + t + b - kh) / sh) + 1, Math.floor((w + l + r - kw) / sw) + 1, co];
}

/** split → conv → concat: the lowering where the backend has no grouped kernel. */
export function splitConv(x: tf.Tensor4D, filter: tf.Tensor4D, { strides, pad: [ph, pw], groups }: GroupedConvAttrs): tf.Tensor4D {
  // In a tidy: the slices and per-group outputs are intermediates (a caller outside a tidy would leak them).
  return tf.tidy(() => {
    const xs = tf.split(x, groups, 3);
    const ws = tf.split(filter, groups, 3);
    return tf.concat(xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, strides, [[0, 0], ph, pw, [0, 0]])), 3);
  });
}

/** The grouped conv: one kernel where the current backend registers NetcGroupedConv2D, else split → conv → concat. */
export function groupedConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, strides: [number, number], pad: Pad2, groups: number): tf.Tensor4D {
  const attrs: GroupedConvAttrs = { strides, pad, groups };
  if (!tf.getKernel(groupedConvKernel, tf.getBackend())) return splitConv(x, filter, attrs);
  registerGroupedConvGradient();
  return tf.engine().runKernel(groupedConvKernel, { x, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** dx and dW through the two backprop kernels, on whichever backend ran the forward. */
export const groupedConvGradient: tf.GradConfig = {
  kernelName: groupedConvKernel,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as tf.Tensor4D[];
    const a = attrs as unknown as GroupedConvAttrs;
    return {
      x: () => tf.engine().runKernel(groupedConvInputKernel, { dy: dy as tf.Tensor, filter }, { ...a, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      filter: () => tf.engine().runKernel(groupedConvFilterKernel, { x, dy: dy as tf.Tensor }, { ...a, filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  },
};

let gradientRegistered = false;

/** Registers the grouped conv's gradient once, for every backend (later calls do nothing). */
export function registerGroupedConvGradient(): void {
  if (gradientRegistered) return;
  tf.registerGradient(groupedConvGradient);
  gradientRegistered = true;
}
