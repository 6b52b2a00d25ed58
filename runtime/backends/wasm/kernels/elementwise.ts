// Elementwise kernels on the wasm backend that tfjs-backend-wasm does slowly: it broadcasts a per-channel
// vector slowly (a bias add over LeNet's first feature map, [256, 28, 28, 6], took 2–5 ms, a same-shape add
// 0.3 ms).
// - Add, Sub, Multiply, RealDiv of a tensor and a per-channel vector: out = x·a + b on netc's SIMD code (a and
//   b tiled to L = lcm(C, 4) floats, held in vector locals; ~0.2 ms for [256, 28, 28, 6], any channel count up
//   to rows of 64 vectors); where that does not apply, over ≤ 8 channels, a 1×1 depthwise convolution whose
//   filter scales each channel and whose bias shifts it (1–2 ms);
// - Identity, and Cast to the same dtype, share the input's memory (tensors are immutable) instead of
//   copying it.
// Each wrapper takes only the layouts it knows and hands every other case to tfjs's kernel.
import * as tf from '../../../tfjs.js';
import { addTo, end, f32x4Add, f32x4Mul, get, load, locals, set, store, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { heapOf, offsetOf, readFloats, simdFunction, type WasmBackendInternals } from '../memory.js';
import { maxVectors, periodOf } from './channel_rows.js';

/**
 * affine(x, end, out, ab): for p = x, q = out; p < end: store(q + 16k, load(p + 16k)·a_k + b_k), k < vectors,
 * where a_k, b_k are loaded once from ab (a's row, then b's).
 */
export function affineBody(vectors: number): Code {
  const [X, END, OUT, AB, P, Q] = [0, 1, 2, 3, 4, 5];
  const aLocal = (k: number) => 6 + k;
  const bLocal = (k: number) => 6 + vectors + k;
  const ks = [...Array(vectors).keys()];
  return withLocalNames(['x', 'end', 'out', 'ab', 'p', 'q', ...ks.map((k) => `a${k}`), ...ks.map((k) => `b${k}`)], [
    ...locals(2, 2 * vectors), // p, q; a_k, b_k
    ...ks.flatMap((k) => [...get(AB), ...load(16 * k), ...set(aLocal(k))]),
    ...ks.flatMap((k) => [...get(AB), ...load(16 * (vectors + k)), ...set(bLocal(k))]),
    ...get(X), ...set(P), ...get(OUT), ...set(Q),
    ...whileBelow(P, END, [
      ...ks.flatMap((k) => [...get(Q), ...get(P), ...load(16 * k), ...get(aLocal(k)), ...f32x4Mul, ...get(bLocal(k)), ...f32x4Add, ...store(16 * k)]),
      ...addTo(P, 16 * vectors),
      ...addTo(Q, 16 * vectors),
    ]),
    ...end,
  ]);
}

/** out = x·a + b with a, b per channel (the last axis), for float32 data at byte offsets `x` and `out`. */
export function simdChannelAffine(backend: WasmBackendInternals, x: number, out: number, size: number, a: Float32Array, b: Float32Array): boolean {
  const channels = a.length;
  const period = periodOf(channels);
  const f = x % 4 === 0 && out % 4 === 0 && period / 4 <= maxVectors ? simdFunction(backend.wasm, `affine${period}`, 4, () => affineBody(period / 4)) : undefined;
  if (!f) return false;
  const rows = Math.floor(size / period);
  const ab = backend.wasm._malloc(period * 8);
  let heap = heapOf(backend);
  for (let j = 0; j < period; j++) {
    heap[ab / 4 + j] = a[j % channels];
    heap[ab / 4 + period + j] = b[j % channels];
  }
  f(x, x + rows * period * 4, out, ab);
  heap = heapOf(backend);
  for (let i = rows * period; i < size; i++) heap[out / 4 + i] = heap[x / 4 + i] * a[i % channels] + b[i % channels];
  backend.wasm._free(ab);
  return true;
}

type Info = tf.TensorInfo;
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** Kernel inputs are the op's tensors (the engine passes them through), so they can feed other ops. */
const asTensor = (t: Info) => t as tf.Tensor;

/** Below this many elements the original kernels win (the replacements launch a few small ops). */
const minElements = 16_384;
/**
 * Measured per shape: the original kernel is slow only over few channels (LeNet's 6: 2.3 ms against
 * 1.1 ms for a bias add over [256, 28, 28, 6]); from 16 channels on, and for scalars, it is faster.
 */
const maxChannels = 8;

/** True when `small` is a per-channel (last axis) vector of a large `big`. */
function channelVector(big: number[], small: number[]): boolean {
  const c = big[big.length - 1];
  if (big.length < 2 || sizeOf(big) < minElements || sizeOf(small) !== c || small.length > big.length) return false;
  return small[small.length - 1] === c && small.slice(0, -1).every((d) => d === 1);
}

/** ... over few channels. */
const fewChannelVector = (big: number[], small: number[]) => big[big.length - 1] <= maxChannels && channelVector(big, small);

/** The op as out = big·a + b per channel on netc's SIMD function, or undefined where it is not one (v / x). */
function simdAffine(kernel: string, backend: WasmBackendInternals, big: Info, vector: Info, bigFirst: boolean): Info | undefined {
  const c = big.shape[big.shape.length - 1];
  const v = readFloats(backend, offsetOf(backend, vector), c);
  const ones = new Float32Array(c).fill(1);
  const zeros = new Float32Array(c);
  const negated = v.map((x) => -x);
  const maps: Record<string, [Float32Array, Float32Array] | undefined> = {
    Add: [ones, v],
    Sub: bigFirst ? [ones, negated] : [ones.map(() => -1), v],
    Multiply: [v, zeros],
    RealDiv: bigFirst ? [v.map((x) => 1 / x), zeros] : undefined,
  };
  const map = maps[kernel];
  if (!map) return undefined;
  const out = backend.makeOutput(big.shape, 'float32');
  if (simdChannelAffine(backend, offsetOf(backend, big), offsetOf(backend, out), sizeOf(big.shape), ...map)) return out;
  (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
  return undefined;
}

/**
 * `t` (a channel vector) as new [C] storage times `scale`: tfjs-backend-wasm's fused depthwise
 * kernel checks its bias's rank on the storage, which a reshape shares with the original.
 */
function channelCopy(t: tf.Tensor, c: number, scale: number): tf.Tensor1D {
  return tf.mul(tf.reshape(t, [c]), scale);
}

/** big · scale + shift per channel, as a 1×1 depthwise convolution over [1, 1, rows, C]. */
function channelAffine(big: tf.Tensor, scale: tf.Tensor | number, shift?: tf.Tensor1D): tf.Tensor {
  const c = big.shape[big.rank - 1] ?? 1;
  const rows = big.size / c;
  const filter = tf.reshape(typeof scale === 'number' ? tf.fill([c], scale) : channelCopy(scale, c, 1), [1, 1, c, 1]) as tf.Tensor4D;
  const x = tf.reshape(big, [1, 1, rows, c]) as tf.Tensor4D;
  return tf.reshape(tf.fused.depthwiseConv2d({ x, filter, strides: 1, pad: 'valid', bias: shift }), big.shape);
}

/** The same operation as a channel affine map, or undefined where it is not one (v / x). */
function asAffine(kernel: string, big: tf.Tensor, vector: tf.Tensor, bigFirst: boolean): tf.Tensor | undefined {
  const c = big.shape[big.rank - 1] ?? 1;
  switch (kernel) {
    case 'Add':
      return channelAffine(big, 1, channelCopy(vector, c, 1));
    case 'Multiply':
      return channelAffine(big, vector);
    case 'Sub':
      return bigFirst ? channelAffine(big, 1, channelCopy(vector, c, -1)) : channelAffine(big, -1, channelCopy(vector, c, 1));
    case 'RealDiv':
      return bigFirst ? channelAffine(big, tf.reciprocal(vector)) : undefined;
  }
  return undefined;
}

const share = (args: Parameters<tf.KernelFunc>[0]): Info => {
  const x = args.inputs.x as Info;
  (args.backend as unknown as { incRef(dataId: unknown): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/** Add, Sub, Multiply or RealDiv of a tensor and a per-channel vector as a channel affine map. */
const broadcast = (kernel: string) => (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const a = args.inputs.a as Info;
  const b = args.inputs.b as Info;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
  const aWide = channelVector(a.shape, b.shape);
  const bWide = !aWide && channelVector(b.shape, a.shape);
  const simd = aWide || bWide ? simdAffine(kernel, args.backend as unknown as WasmBackendInternals, aWide ? a : b, aWide ? b : a, aWide) : undefined;
  if (simd) return simd;
  const aBig = fewChannelVector(a.shape, b.shape);
  const bBig = !aBig && fewChannelVector(b.shape, a.shape);
  if (!aBig && !bBig) return original(args);
  const result = tf.tidy(() => asAffine(kernel, asTensor(aBig ? a : b), asTensor(aBig ? b : a), aBig));
  return result ?? original(args);
};

export const elementwiseKernels: WasmKernelConfig[] = [
  { kernelName: 'Identity', wrap: (original) => (args) => ((args.inputs.x as Info).dtype === 'string' ? original(args) : share(args)) },
  // tfjs's pooling ops cast their result to its own dtype; the wasm kernel copies even then.
  { kernelName: 'Cast', wrap: (original) => (args) => ((args.inputs.x as Info).dtype === (args.attrs as { dtype: string }).dtype ? share(args) : original(args)) },
  ...['Add', 'Sub', 'Multiply', 'RealDiv'].map((kernelName) => ({ kernelName, wrap: broadcast(kernelName) })),
];
