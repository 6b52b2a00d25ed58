// Average pooling whose windows tile the input (stride = kernel, no padding, sizes divisible) as an op,
// `NetcTiledAvgPool`, and its gradient `NetcTiledAvgPoolGrad`: every input pixel belongs to exactly one
// window, so the gradient is a copy of dy / (kh·kw). WebGPU registers the kernels (webgpu/tiled_pool.ts); on
// wasm the same rule picks netc's code inside tfjs's AvgPool kernel (wasm/kernels/pooling.ts).
import * as tf from '../tfjs.js';

/** Whether avgpool(kernel, stride, pad) over [h, w] tiles its input exactly. */
export function poolTiles([kh, kw]: [number, number], [sh, sw]: [number, number], [ph, pw]: [number, number], [h, w]: [number, number]): boolean {
  return kh === sh && kw === sw && ph === 0 && pw === 0 && h % kh === 0 && w % kw === 0;
}

/** The gradient of NetcTiledAvgPool, for tf.registerGradient (registered with the WebGPU kernels). */
export const tiledAvgPoolGradient: tf.GradConfig = {
  kernelName: 'NetcTiledAvgPool',
  inputsToSave: ['x'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], [x]: tf.Tensor[], attrs: tf.NamedAttrMap) => ({
    x: () => tf.engine().runKernel('NetcTiledAvgPoolGrad', { dy: dy as tf.Tensor, x }, attrs) as tf.Tensor,
  }),
};

/** avgpool over windows that tile x (see `poolTiles`), on netc's WebGPU kernels. */
export function tiledAvgPool(x: tf.Tensor4D, kernel: [number, number]): tf.Tensor4D {
  return tf.engine().runKernel('NetcTiledAvgPool', { x }, { kernel } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
