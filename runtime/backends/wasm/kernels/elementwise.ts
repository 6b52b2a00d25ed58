// Faster paths for the memory-bound kernels that dominate wasm training once the convolutions are fast.
// tfjs-backend-wasm broadcasts a per-channel vector slowly (a bias add over LeNet's first feature map,
// [256, 28, 28, 6], took 2–5 ms, a same-shape add 0.3 ms).
// - Add, Sub, Multiply, RealDiv of a tensor and a per-channel vector: out = x·a + b on netc's SIMD function
//   (wasm_simd.ts; ~0.2 ms for [256, 28, 28, 6], any channel count up to rows of 64 vectors); where that
//   does not apply, over ≤ 8 channels, a 1×1 depthwise convolution whose filter scales each channel and
//   whose bias shifts it (1–2 ms);
// - AvgPool for windows that tile the input (LeNet's 2×2, stride 2) on netc's SIMD function (XNNPACK's took
//   0.6–1.7 ms over [256, 28, 28, 6]), and its gradient: each pixel of dy copied kh × kw times, scaled (else
//   the scaled dy resized by nearest neighbour);
// - Identity, and Cast to the same dtype, share the input's memory (tensors are immutable) instead of
//   copying it.
// Each replacement takes only the layouts it knows and hands every other case to the original kernel.
// (Per-channel sums: wasm_channel_sum.ts.)
import * as tf from '../../../tfjs.js';
import { pair, replaceWasmKernel } from '../kernel_config.js';
import { channelAffine as simdChannelAffine, offsetOf, readFloats, swapLeadingAxes, tiledPool, tiledPoolGradient, transposeImages, type WasmBackendInternals } from './pooling.js';

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

interface AvgPoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
}

/** Non-overlapping, unpadded windows that tile the input exactly: each input pixel gets dy / (kh·kw). */
function tiles(attrs: AvgPoolAttrs, inputShape: number[]): boolean {
  const [kh, kw] = pair(attrs.filterSize);
  const [sh, sw] = pair(attrs.strides);
  const unpadded = attrs.pad === 'valid' || attrs.pad === 0;
  return unpadded && kh === sh && kw === sw && inputShape[1] % kh === 0 && inputShape[2] % kw === 0;
}

/**
 * A transpose that keeps the first axis and moves the last one to second place or the second to last
 * ([0, 3, 1, 2]: NHWC -> NCHW, [0, 2, 3, 1]: back): per image an [A, B] -> [B, A] transpose, as [A, B].
 */
function imageTranspose(shape: number[], perm: number[]): [number, number] | undefined {
  const r = shape.length;
  if (r < 3 || perm[0] !== 0) return undefined;
  const rest = perm.slice(1);
  const inOrder = (axes: number[], first: number) => axes.every((a, i) => a === first + i);
  if (rest[0] === r - 1 && inOrder(rest.slice(1), 1)) return [sizeOf(shape.slice(1, -1)), shape[r - 1]];
  if (rest[r - 2] === 1 && inOrder(rest.slice(0, -1), 2)) return [shape[1], sizeOf(shape.slice(2))];
  return undefined;
}

/**
 * A transpose that keeps the last axis and swaps two runs of the others, e.g. [1, 2, 0, 3]: as [A, B, C] ->
 * [B, A, C], the sizes, or undefined.
 */
function blockSwap(shape: number[], perm: number[]): [number, number, number] | undefined {
  const r = shape.length;
  if (r < 3 || perm[r - 1] !== r - 1) return undefined;
  const k = perm[0]; // the first axis of the second run
  if (k === 0 || !perm.slice(0, r - 1).every((p, i) => p === (i < r - 1 - k ? k + i : i - (r - 1 - k)))) return undefined;
  const a = sizeOf(shape.slice(0, k));
  const b = sizeOf(shape.slice(k, r - 1));
  return [a, b, shape[r - 1]];
}

let registered = false;

export function registerWasmBroadcastKernels(): void {
  if (registered) return;
  registered = true;
  const share = (args: Parameters<tf.KernelFunc>[0]): Info => {
    const x = args.inputs.x as Info;
    (args.backend as unknown as { incRef(dataId: unknown): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  replaceWasmKernel('Identity', (original) => (args) => ((args.inputs.x as Info).dtype === 'string' ? original(args) : share(args)));
  // tfjs's pooling ops cast their result to its own dtype; the wasm kernel copies even then.
  replaceWasmKernel('Cast', (original) => (args) => ((args.inputs.x as Info).dtype === (args.attrs as { dtype: string }).dtype ? share(args) : original(args)));
  for (const kernel of ['Add', 'Sub', 'Multiply', 'RealDiv']) {
    replaceWasmKernel(kernel, (original) => (args) => {
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
    });
  }
  // tfjs-backend-wasm's transpose is a general loop (4.2 ms for a filter gradient's [256, 28, 28, 6]); the
  // block swap copies whole channel rows (~1 ms).
  replaceWasmKernel('Transpose', (original) => (args) => {
    const x = args.inputs.x as Info;
    const perm = (args.attrs as { perm: number[] }).perm;
    const fourBytes = x.dtype === 'float32' || x.dtype === 'int32';
    const sizes = fourBytes ? blockSwap(x.shape, perm) : undefined;
    const image = fourBytes && !sizes ? imageTranspose(x.shape, perm) : undefined;
    if ((!sizes && !image) || sizeOf(x.shape) < minElements) return original(args);
    const backend = args.backend as unknown as WasmBackendInternals;
    const out = backend.makeOutput(perm.map((p) => x.shape[p]), x.dtype);
    const [from, to] = [offsetOf(backend, x), offsetOf(backend, out)];
    if (sizes ? swapLeadingAxes(backend, from, to, ...sizes) : transposeImages(backend, from, to, x.shape[0], ...image!)) return out;
    (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
    return original(args);
  });
  replaceWasmKernel('AvgPool', (original) => (args) => {
    const attrs = args.attrs as unknown as AvgPoolAttrs;
    const x = args.inputs.x as Info;
    if (x.dtype !== 'float32' || x.shape.length !== 4 || !tiles(attrs, x.shape)) return original(args);
    const [kh, kw] = pair(attrs.filterSize);
    const backend = args.backend as unknown as WasmBackendInternals;
    const [n, h, w, c] = x.shape;
    const out = backend.makeOutput([n, h / kh, w / kw, c], 'float32');
    if (tiledPool(backend, offsetOf(backend, x), offsetOf(backend, out), x.shape, kh, kw)) return out;
    (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
    return original(args);
  });
  replaceWasmKernel('AvgPoolGrad', (original) => (args) => {
    const attrs = args.attrs as unknown as AvgPoolAttrs;
    const input = args.inputs.input as Info;
    if (!tiles(attrs, input.shape)) return original(args);
    const [kh, kw] = pair(attrs.filterSize);
    const dy = args.inputs.dy as Info;
    const backend = args.backend as unknown as WasmBackendInternals;
    if (dy.dtype === 'float32') {
      const out = backend.makeOutput(input.shape, 'float32');
      if (tiledPoolGradient(backend, offsetOf(backend, dy), offsetOf(backend, out), dy.shape, kh, kw)) return out;
      (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
    }
    return tf.tidy(() => tf.image.resizeNearestNeighbor(tf.mul(asTensor(args.inputs.dy as Info), 1 / (kh * kw)) as tf.Tensor4D, [input.shape[1], input.shape[2]]));
  });
}
