// Per-channel Sum and Mean for the wasm backend (reductions over every axis but the last: a bias gradient,
// BatchNorm's statistics and gradients), on netc's SIMD function (wasm_simd.ts). tfjs's kernel transposes
// the channels to the front and then sums rows: 2.2–2.9 ms over LeNet's [256, 28, 28, 6], against ~0.2 ms
// here. (A matMul with a row of ones, a global average pool and JavaScript loops were measured no faster.)
import * as tf from '../../../tfjs.js';
import { replaceWasmKernel } from '../kernel_config.js';
import { channelSums, offsetOf, writeFloats, type WasmBackendInternals } from './pooling.js';

/** Axes (normalized) are every axis but the last, in order. */
function allButChannels(axis: number | number[], rank: number): boolean {
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
  return rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}

/** Below this many elements tfjs's kernel is as fast (and keeps its exact summation order). */
const minElements = 4096;

function channelReduction(mean: boolean) {
  return (original: tf.KernelFunc): tf.KernelFunc =>
    (args) => {
      const { inputs, backend, attrs } = args as unknown as { inputs: { x: tf.TensorInfo }; backend: WasmBackendInternals; attrs: { axis: number | number[]; keepDims: boolean } };
      const { x } = inputs;
      const c = x.shape[x.shape.length - 1];
      const size = x.shape.reduce((a, b) => a * b, 1);
      if (x.dtype !== 'float32' || size < minElements || !allButChannels(attrs.axis, x.shape.length)) return original(args);
      const sums = new Float32Array(c);
      if (!channelSums(backend, offsetOf(backend, x), size, c, sums)) return original(args);
      if (mean) for (let i = 0; i < c; i++) sums[i] /= size / c;
      const shape = attrs.keepDims ? x.shape.map((d, i) => (i === x.shape.length - 1 ? d : 1)) : [c];
      const out = backend.makeOutput(shape, 'float32');
      writeFloats(backend, offsetOf(backend, out), sums);
      return out;
    };
}

let registered = false;

/** Replaces wasm's Sum and Mean for reductions over every axis but channels (others go to tfjs's kernels). */
export function registerWasmChannelSum(): void {
  if (registered) return;
  registered = true;
  replaceWasmKernel('Sum', channelReduction(false));
  replaceWasmKernel('Mean', channelReduction(true));
}
