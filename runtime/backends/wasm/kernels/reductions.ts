// Per-channel Sum and Mean for the wasm backend (reductions over every axis but the last: a bias gradient,
// BatchNorm's statistics and gradients), on netc's SIMD code: the input, 16 bytes at a time, into L / 4
// vector accumulators, L = lcm(C, 4) floats, which JavaScript folds into C sums. tfjs's kernel transposes
// the channels to the front and then sums rows: 2.2–2.9 ms over LeNet's [256, 28, 28, 6], against ~0.2 ms
// here. (A matMul with a row of ones, a global average pool and JavaScript loops were measured no faster.)
import type * as tf from '../../../tfjs.js';
import { addTo, end, f32x4Add, get, load, locals, set, store, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { heapOf, offsetOf, simdFunction, writeFloats, type WasmBackendInternals } from '../memory.js';
import { maxVectors, periodOf } from './channel_rows.js';

/**
 * sum(x, end, acc): for p = x; p < end; p += 16·vectors: acc_k += load(p + 16k), k < vectors (f32x4 locals),
 * then acc[k] = acc_k.
 */
export function sumBody(vectors: number): Code {
  const [X, END, ACC, P] = [0, 1, 2, 3];
  const accLocal = (k: number) => 4 + k;
  const ks = [...Array(vectors).keys()];
  return withLocalNames(['x', 'end', 'acc', 'p', ...ks.map((k) => `acc${k}`)], [
    ...locals(1, vectors), // p; the accumulators
    ...get(X), ...set(P),
    ...whileBelow(P, END, [
      ...ks.flatMap((k) => [...get(P), ...load(16 * k), ...get(accLocal(k)), ...f32x4Add, ...set(accLocal(k))]),
      ...addTo(P, 16 * vectors),
    ]),
    ...ks.flatMap((k) => [...get(ACC), ...get(accLocal(k)), ...store(16 * k)]),
    ...end,
  ]);
}

/** Sums of each channel (the last axis) of `size` floats at byte offset `ptr` into `out`; false where the code does not apply. */
export function channelSums(backend: WasmBackendInternals, ptr: number, size: number, channels: number, out: Float32Array): boolean {
  const period = periodOf(channels);
  const sum = ptr % 4 === 0 && period / 4 <= maxVectors ? simdFunction(backend.wasm, `sum${period}`, 3, () => sumBody(period / 4)) : undefined;
  if (!sum) return false;
  const rows = Math.floor(size / period);
  const acc = backend.wasm._malloc(period * 4);
  sum(ptr, ptr + rows * period * 4, acc);
  const heap = heapOf(backend);
  out.fill(0);
  for (let j = 0; j < period; j++) out[j % channels] += heap[acc / 4 + j];
  for (let i = rows * period; i < size; i++) out[i % channels] += heap[ptr / 4 + i];
  backend.wasm._free(acc);
  return true;
}

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

/** Sum and Mean over every axis but channels (other reductions go to tfjs's kernels). */
export const reductionKernels: WasmKernelConfig[] = [
  { kernelName: 'Sum', wrap: channelReduction(false) },
  { kernelName: 'Mean', wrap: channelReduction(true) },
];
