// netc's direct convolution as an op: `NetcConv2D` (an NHWC conv2d, groups 1, no dilation, with bias and
// activation in the same kernel) and its gradient, in terms of the kernels `NetcActivationGrad`,
// `NetcConv2DBackpropInput`, `NetcConv2DBackpropFilter` and `NetcChannelSum`. Each backend that offers the
// op registers those kernels when it starts: WebGPU (webgpu/direct_conv.ts) and wasm (wasm/kernels/convolution.ts).
// Which activations it takes, and their code on each backend, come from runtime/ops/activations.ts.
import * as tf from '../tfjs.js';
import type { DirectActivation } from '../ops/activations.js';

export type { DirectActivation } from '../ops/activations.js';

export interface DirectConvAttrs {
  strides: [number, number];
  pad: [number, number];
  activation: DirectActivation;
  /** Eval only, wasm only: average [ph, pw] windows that tile the activated output (the plan's `pooled`). */
  pool?: [number, number];
}

/** The gradient of NetcConv2D, for tf.registerGradient (register_gradients.ts). */
export const directConvGradient: tf.GradConfig = {
  kernelName: 'NetcConv2D',
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as DirectConvAttrs;
    if (a.pool) throw new Error('NetcConv2D with a pool inside is planned for eval only and has no gradient');
    const g = dy as tf.Tensor4D;
    // Through the activation, from its output (each backend's NetcActivationGrad, e.g. σ′ = y(1 − y)).
    const dz = a.activation === 'linear' ? g : (tf.engine().runKernel('NetcActivationGrad', { dy: g, y }, { activation: a.activation }) as tf.Tensor4D);
    const common = { strides: a.strides, pad: a.pad, activation: 'linear' };
    return {
      x: () => tf.engine().runKernel('NetcConv2DBackpropInput', { dy: dz, filter }, { ...common, inShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      filter: () => tf.engine().runKernel('NetcConv2DBackpropFilter', { x, dy: dz }, { ...common, filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      bias: () => tf.engine().runKernel('NetcChannelSum', { x: dz }, {}) as tf.Tensor,
    };
  },
};

/** act(conv2d(x, filter) + bias) with netc's direct kernels (WebGPU and wasm, for the filters each takes). */
export function directConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | undefined, attrs: DirectConvAttrs): tf.Tensor4D {
  const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
  return tf.engine().runKernel('NetcConv2D', inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
