// netc's direct convolutions on the wasm backend (code: convolution_code.ts): the kernels `NetcConv2D`
// (forward with bias and activation), `NetcConv2DBackpropFilter`, `NetcConv2DBackpropInput` and
// `NetcChannelSum` that the WebGPU backend also has (the op and its gradient: ../../direct_conv.ts;
// NetcActivationGrad: activations.ts), and the direct filter and input gradients that tfjs's
// Conv2DBackpropFilter and Conv2DBackpropInput take where the filter is small (conv_gradients.ts). Whether
// the forward beats XNNPACK for a layer is measured (runtime/lowering_trials.ts); large calls are split
// between threads (../threads/pool.ts).
import * as tf from '../../../tfjs.js';
import type { DirectActivation } from '../../../ops/activations.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { compileSimd, heapOf, offsetOf, simdFunction, type WasmBackendInternals } from '../memory.js';
import { runSplit } from '../split_run.js';
import { forwardBody, padBody, type ConvGeometry } from './convolution_code.js';
import { filterGradLoopBody, filterGradTile, type FilterGradTile } from './filter_gradient_code.js';

/**
 * Filters (in (tap, input channel, output vector) triples) the direct forward is offered for, and measured
 * against XNNPACK: small ones, where XNNPACK's tiles fill badly. Larger convs (a 3×3×64×64 has 9,216) stay
 * XNNPACK's without a trial, which would cost startup time on every layer of a ResNet for a forward that
 * measured about even there (3×3 64→64 at batch 128: 32–48 vs 38–70 ms).
 */
const maxDirectForward = 4096;

/**
 * Filter gradients run on netc's code (filter_gradient_code.ts), measured per shape against XNNPACK's
 * convolution over transposed operands (bench/conv_grad_bench.ts, batch 128–256, 2 threads each): LeNet's
 * convs ~1.0 and 2.6–3.5× faster, 4×4 to 14×14 maps 1.3–3.1×; at 2×2 and 1×1 maps a 3×3 filter mostly meets
 * padding and XNNPACK is faster (0.2–0.5×), so filters past this many (tap, input channel, output vector)
 * triples stay XNNPACK's there.
 */
const maxDirectFilterGrad = 1024;
/** Output pixels per image below which a filter gradient of a larger filter is left to XNNPACK. */
const minLoopedFilterGradPixels = 9;

const filterSize = ([kh, kw, ci, co]: number[]) => kh * kw * ci * Math.ceil(co / 4);
/** Whether a [kh, kw, ci, co] filter is small enough for the direct forward to be offered. */
export const wasmDirectConvFits = (filterShape: number[]) => filterSize(filterShape) <= maxDirectForward;

interface Padding { top: number; bottom: number; left: number; right: number }

/** The geometry of x [n, h, w, ci] ⊛ filter [kh, kw, ci, co] with this padding and stride. */
export function geometryOf(xShape: number[], [kh, kw, , co]: number[], [sh, sw]: [number, number], pad: Padding): ConvGeometry {
  const [, h, w, ci] = xShape;
  const oh = Math.floor((h + pad.top + pad.bottom - kh) / sh) + 1;
  const ow = Math.floor((w + pad.left + pad.right - kw) / sw) + 1;
  // Padded to cover every input row read and every input row copied (a stride can leave rows unread).
  const hp = Math.max(pad.top + h, (oh - 1) * sh + kh);
  const wp = Math.max(pad.left + w, (ow - 1) * sw + kw);
  return { h, w, ci, hp, wp, top: pad.top, left: pad.left, kh, kw, co, oh, ow, sh, sw };
}

const key = (name: string, g: ConvGeometry) => `${name}:${Object.values(g).join(',')}`;
const unpadded = (g: ConvGeometry) => g.top === 0 && g.left === 0 && g.hp === g.h && g.wp === g.w;

/** The input zero-padded into fresh memory (freed by the caller), or the input itself where nothing pads. */
function paddedInput(backend: WasmBackendInternals, x: tf.TensorInfo, g: ConvGeometry): { at: number; owned: boolean } {
  if (unpadded(g)) return { at: offsetOf(backend, x), owned: false };
  const n = x.shape[0];
  const at = backend.wasm._malloc(n * g.hp * g.wp * g.ci * 4);
  simdFunction(backend.wasm, key('pad', g), 3, () => padBody(g))!(offsetOf(backend, x), at, n);
  return { at, owned: true };
}

const macsOf = (n: number, g: ConvGeometry) => n * g.oh * g.ow * g.kh * g.kw * g.ci * g.co;

/** act(x ⊛ filter + bias) into a new output, the filter at byte offset `filterAt`; undefined where the backend's memory cannot be reached. */
function forward(backend: WasmBackendInternals, x: tf.TensorInfo, filterAt: number, bias: tf.TensorInfo | undefined, g: ConvGeometry, activation: DirectActivation, pool?: [number, number]): tf.TensorInfo | undefined {
  const code = compileSimd(backend.wasm, key(`forward${bias ? '+bias' : ''}+${activation}${pool ? `+pool${pool}` : ''}`, g), 6, () => forwardBody(g, bias !== undefined, activation, backend.wasm, pool));
  if (!code) return undefined;
  const n = x.shape[0];
  const out = backend.makeOutput(pool ? [n, g.oh / pool[0], g.ow / pool[1], g.co] : [n, g.oh, g.ow, g.co], 'float32');
  const xp = paddedInput(backend, x, g);
  const [w, b, o] = [filterAt, bias ? offsetOf(backend, bias) : 0, offsetOf(backend, out)];
  runSplit(backend, code, n, macsOf(n, g), (n0, n1) => [xp.at, w, b, o, n0, n1]);
  if (xp.owned) backend.wasm._free(xp.at);
  return out;
}

/** dW [kh, kw, ci, co] = Σ xp[n, y·sh + i, x·sw + j, c] · dy[n, y, x, :] into a new output (any filter size and map: benches compare it). */
export function netcFilterGradient(backend: WasmBackendInternals, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry, tile?: FilterGradTile): tf.TensorInfo | undefined {
  // The tile as given (benches) or chosen.
  const t = tile ?? filterGradTile(g);
  const code = compileSimd(backend.wasm, `${key('filterGrad', g)}:${t.pairs}x${t.vectors}x${t.images}`, 5, () => filterGradLoopBody(g, t));
  if (!code) return undefined;
  const n = x.shape[0];
  const vectors = Math.ceil(g.co / 4);
  const rows = g.kh * g.kw * g.ci;
  const floats = rows * vectors * 4;
  // One accumulator block per chunk (chunks go to whichever thread is free), summed at the end.
  const accs: number[] = [];
  const xp = paddedInput(backend, x, g);
  const d = offsetOf(backend, dy);
  runSplit(backend, code, n, macsOf(n, g), (n0, n1, chunk) => {
    accs[chunk] = backend.wasm._malloc(floats * 4);
    heapOf(backend).fill(0, accs[chunk] / 4, accs[chunk] / 4 + floats);
    return [xp.at, d, accs[chunk], n0, n1];
  });
  if (xp.owned) backend.wasm._free(xp.at);
  const out = backend.makeOutput([g.kh, g.kw, g.ci, g.co], 'float32');
  const heap = heapOf(backend);
  const [first, ...others] = accs.map((a) => a / 4);
  for (const other of others) for (let i = 0; i < floats; i++) heap[first + i] += heap[other + i];
  const to = offsetOf(backend, out) / 4;
  for (let r = 0; r < rows; r++) heap.copyWithin(to + r * g.co, first + r * vectors * 4, first + r * vectors * 4 + g.co);
  for (const a of accs) backend.wasm._free(a);
  return out;
}

/**
 * An input gradient on netc's code: dx = the stride-1 convolution of dy, zero-padded by (kernel − 1 − pad),
 * with the filter flipped in space and its channel axes swapped; undefined (left to XNNPACK) for strides
 * above 1, a pad past the kernel, or (unless `anySize`) a filter larger than the direct forward's.
 */
export function directInputGradient(backend: WasmBackendInternals, dy: tf.TensorInfo, filter: tf.TensorInfo, inShape: number[], strides: [number, number], pad: Padding, anySize = false): tf.TensorInfo | undefined {
  const [kh, kw, ci, co] = filter.shape;
  const [, h, w] = inShape;
  const [, oh, ow] = dy.shape;
  const edges = { top: kh - 1 - pad.top, bottom: h - oh + pad.top, left: kw - 1 - pad.left, right: w - ow + pad.left };
  if (strides[0] !== 1 || strides[1] !== 1 || Object.values(edges).some((e) => e < 0) || (!anySize && !wasmDirectConvFits([kh, kw, co, ci]))) return undefined;
  const flippedAt = backend.wasm._malloc(kh * kw * ci * co * 4);
  const heap = heapOf(backend);
  const from = offsetOf(backend, filter) / 4;
  const to = flippedAt / 4;
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < ci; c++)
        for (let o = 0; o < co; o++) heap[to + ((i * kw + j) * co + o) * ci + c] = heap[from + (((kh - 1 - i) * kw + (kw - 1 - j)) * ci + c) * co + o];
  const g = geometryOf(dy.shape, [kh, kw, co, ci], [1, 1], edges);
  const out = forward(backend, dy, flippedAt, undefined, g, 'linear');
  backend.wasm._free(flippedAt);
  return out;
}

interface NetcConvAttrs { strides: [number, number]; pad: [number, number]; activation: DirectActivation; pool?: [number, number]; inShape?: number[]; filterShape?: number[] }
const symmetric = ([ph, pw]: [number, number]): Padding => ({ top: ph, bottom: ph, left: pw, right: pw });
const backendOf = (args: { backend: unknown }) => args.backend as WasmBackendInternals;
const asTensor = (t: tf.TensorInfo | undefined) => t as tf.Tensor;
type Inputs = Record<'x' | 'filter' | 'dy' | 'y', tf.TensorInfo> & { bias?: tf.TensorInfo };
const inputsOf = (args: { inputs: unknown }) => args.inputs as Inputs;

const netcConv2D: tf.KernelFunc = (args) => {
  const { x, filter, bias } = inputsOf(args);
  const a = args.attrs as unknown as NetcConvAttrs;
  const backend = backendOf(args);
  const g = geometryOf(x.shape, filter.shape, a.strides, symmetric(a.pad));
  if (a.pool && (g.oh % a.pool[0] !== 0 || g.ow % a.pool[1] !== 0)) throw new Error(`NetcConv2D on wasm: a ${a.pool} pool does not tile a ${g.oh}×${g.ow} output`);
  const out = forward(backend, x, offsetOf(backend, filter), bias, g, a.activation, a.pool);
  if (!out) throw new Error('NetcConv2D on wasm: the backend memory is not reachable');
  return out;
};

/**
 * NetcConv2D and the kernels of its gradient. The gradients are tfjs's own kernels as netc registers them
 * for wasm, which choose between netc's code and XNNPACK (conv_gradients.ts).
 */
export const convolutionKernels: WasmKernelConfig[] = [
  { kernelName: 'NetcConv2D', kernelFunc: netcConv2D },
  {
    kernelName: 'NetcConv2DBackpropFilter',
    kernelFunc: (args) => {
      const { x, dy } = inputsOf(args);
      const { strides, pad: [ph, pw], filterShape } = args.attrs as unknown as NetcConvAttrs;
      return tf.engine().runKernel('Conv2DBackpropFilter', { x: asTensor(x), dy: asTensor(dy) }, { strides, pad: [[0, 0], [ph, ph], [pw, pw], [0, 0]], dataFormat: 'NHWC', filterShape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    },
  },
  {
    kernelName: 'NetcConv2DBackpropInput',
    kernelFunc: (args) => {
      const { dy, filter } = inputsOf(args);
      const { strides, pad: [ph, pw], inShape } = args.attrs as unknown as NetcConvAttrs;
      return tf.engine().runKernel('Conv2DBackpropInput', { dy: asTensor(dy), filter: asTensor(filter) }, { strides, pad: [[0, 0], [ph, ph], [pw, pw], [0, 0]], dataFormat: 'NHWC', inputShape: inShape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    },
  },
  { kernelName: 'NetcChannelSum', kernelFunc: (args) => tf.sum(asTensor(args.inputs.x), [0, 1, 2]) },
];

/** A filter gradient on netc's code where that is faster; undefined to leave it to XNNPACK. */
export function directFilterGradient(backend: WasmBackendInternals, x: tf.TensorInfo, dy: tf.TensorInfo, filterShape: number[], strides: [number, number], pad: Padding): tf.TensorInfo | undefined {
  const g = geometryOf(x.shape, filterShape, strides, pad);
  if (filterSize(filterShape) > maxDirectFilterGrad && g.oh * g.ow < minLoopedFilterGradPixels) return undefined;
  return netcFilterGradient(backend, x, dy, g);
}

