// netc's direct convolution as an op: `NetcConv2D` (an NHWC conv2d, groups 1, no dilation, with bias and
// activation in the same kernel) and its gradient, in terms of the kernels `NetcActivationGrad`,
// `NetcConv2DBackpropInput`, `NetcConv2DBackpropFilter` and `NetcChannelSum`. Each backend that offers the
// op registers those kernels: WebGPU (webgpu_direct_conv.ts) and wasm (wasm_direct_conv.ts).
import * as tf from '../tfjs.js';
import './webgpu/direct_conv.js'; // registers the WebGPU kernels (the wasm ones register when wasm starts)

export type DirectActivation = 'linear' | 'relu' | 'sigmoid';

export interface DirectConvAttrs {
  strides: [number, number];
  pad: [number, number];
  activation: DirectActivation;
  /** Eval only, wasm only: average [ph, pw] windows that tile the activated output (the plan's `pooled`). */
  pool?: [number, number];
}

tf.registerGradient({
  kernelName: 'NetcConv2D',
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const a = attrs as unknown as DirectConvAttrs;
    if (a.pool) throw new Error('NetcConv2D with a pool inside is planned for eval only and has no gradient');
    const g = dy as tf.Tensor4D;
    // Through the activation, from its output: sigmoid' = y(1 − y), relu' = [y > 0].
    const dz = a.activation === 'linear' ? g : (tf.engine().runKernel('NetcActivationGrad', { dy: g, y }, { activation: a.activation }) as tf.Tensor4D);
    const common = { strides: a.strides, pad: a.pad, activation: 'linear' };
    return {
      x: () => tf.engine().runKernel('NetcConv2DBackpropInput', { dy: dz, filter }, { ...common, inShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      filter: () => tf.engine().runKernel('NetcConv2DBackpropFilter', { x, dy: dz }, { ...common, filterShape: filter.shape } as unknown as tf.NamedAttrMap) as tf.Tensor,
      bias: () => tf.engine().runKernel('NetcChannelSum', { x: dz }, {}) as tf.Tensor,
    };
  },
});

/** act(conv2d(x, filter) + bias) with netc's direct kernels (WebGPU and wasm, for the filters each takes). */
export function directConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor | undefined, attrs: DirectConvAttrs): tf.Tensor4D {
  const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
  return tf.engine().runKernel('NetcConv2D', inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
