// Pooling on the wasm backend: AvgPool for windows that tile the input (LeNet's 2×2, stride 2) on netc's
// SIMD code — each window's pixel vectors summed, scaled (XNNPACK's took 0.6–1.7 ms over [256, 28, 28, 6]) —
// and its gradient, each pixel of dy copied kh × kw times, scaled (else the scaled dy resized by nearest
// neighbour); and MaxPoolGrad, on netc's code (max_pool_grad.ts) or fixed. Whether netc's AvgPool runs is one rule, `wasmTiledPoolRuns`, which
// the lowering plan consults too, so `--explain` says what runs. Other cases go to tfjs's kernels.
import * as tf from '../../../tfjs.js';
import { poolTiles } from '../../tiled_pool.js';
import { addTo, end, f32Const, f32Load, f32Mul, f32Store, f32x4Add, f32x4Mul, f32x4Splat, get, i32, i32Add, i32Mul, load, loadLanes, locals, memoryCopy, set, store, storeLanes, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import { pair, type WasmKernelConfig } from '../kernel_config.js';
import { compileSimd, offsetOf, simdFunction, type WasmBackendInternals } from '../memory.js';
import { runSplit } from '../split_run.js';
import { maxVectors } from './channel_rows.js';
import { maxPoolGradient } from './max_pool_grad.js';

/** Whether netc's tiled average pool runs for avgpool(kernel, stride, pad) over an NHWC [h, w, c] input. */
export function wasmTiledPoolRuns(kernel: [number, number], stride: [number, number], pad: [number, number], [h, w, c]: number[]): boolean {
  return poolTiles(kernel, stride, pad, [h, w]) && c <= 4 * maxVectors;
}

/**
 * pool(x, out, rows): the average over each [kh, kw] window of rows × kh input rows (w = ow · kw pixels of C
 * floats each) into rows output rows: per output pixel, its window's kh × kw pixel vectors summed, scaled.
 */
export function poolBody(c: number, kh: number, kw: number, ow: number): Code {
  const [X, OUT, ROWS, ROW, P_END] = [0, 1, 2, 3, 4];
  const vectors = Math.ceil(c / 4);
  const acc = (v: number) => 5 + v;
  const rowBytes = ow * kw * c * 4;
  const pixelVector = (i: number, j: number, v: number) => loadLanes(get(X), (i * ow * kw + j) * c * 4 + 16 * v, Math.min(4, c - 4 * v));
  const pixel = [...Array(vectors).keys()].flatMap((v) => [
    ...pixelVector(0, 0, v),
    ...[...Array(kh * kw - 1).keys()].flatMap((t) => [...pixelVector(Math.floor((t + 1) / kw), (t + 1) % kw, v), ...f32x4Add]),
    ...f32Const(1 / (kh * kw)), ...f32x4Splat, ...f32x4Mul, ...set(acc(v)),
    ...storeLanes(get(OUT), 16 * v, acc(v), Math.min(4, c - 4 * v)),
  ]);
  return withLocalNames(['x', 'out', 'rows', 'row', 'pEnd', ...[...Array(vectors).keys()].map((v) => `acc${v}`)], [
    ...locals(2, vectors),
    ...whileBelow(ROW, ROWS, [
      ...get(OUT), ...i32(ow * c * 4), ...i32Add, ...set(P_END),
      ...whileBelow(OUT, P_END, [...pixel, ...addTo(X, kw * c * 4), ...addTo(OUT, c * 4)]),
      ...addTo(X, (kh - 1) * rowBytes), // past the window's other rows
      ...addTo(ROW, 1),
    ]),
    ...end,
  ]);
}

/**
 * upsample(dy, end, out, rowBytes): each row of dy (rowBytes) becomes kh rows of out in which every
 * C-element pixel appears kw times, times `scale` (a tiling average pool's gradient).
 */
export function upsampleBody(c: number, kh: number, kw: number, scale: number): Code {
  const [DY, END, OUT, ROW, P, Q, ROW_END, ROW_START, ROW_OUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const scaledCopy = (j: number) => [
    ...[...Array(Math.floor(c / 4)).keys()].flatMap((v) => [...get(Q), ...get(P), ...load(16 * v), ...f32Const(scale), ...f32x4Splat, ...f32x4Mul, ...store(4 * c * j + 16 * v)]),
    ...[...Array(c % 4).keys()].flatMap((k) => {
      const offset = 16 * Math.floor(c / 4) + 4 * k;
      return [...get(Q), ...get(P), ...f32Load(offset), ...f32Const(scale), ...f32Mul, ...f32Store(4 * c * j + offset)];
    }),
  ];
  const copyRow = [...get(Q), ...get(ROW_START), ...get(ROW_OUT), ...memoryCopy, ...get(Q), ...get(ROW_OUT), ...i32Add, ...set(Q)];
  return withLocalNames(['dy', 'end', 'out', 'rowBytes', 'p', 'q', 'rowEnd', 'rowStart', 'rowOut'], [
    ...locals(5), // p, q, rowEnd, rowStart, rowOut
    ...get(ROW), ...i32(kw), ...i32Mul, ...set(ROW_OUT),
    ...get(DY), ...set(P), ...get(OUT), ...set(Q),
    ...whileBelow(P, END, [ // each row of dy
      ...get(P), ...get(ROW), ...i32Add, ...set(ROW_END), ...get(Q), ...set(ROW_START),
      ...whileBelow(P, ROW_END, [ // each pixel of the row
        ...[...Array(kw).keys()].flatMap(scaledCopy),
        ...addTo(P, 4 * c),
        ...addTo(Q, 4 * c * kw),
      ]),
      ...[...Array(kh - 1).keys()].flatMap(() => copyRow),
    ]),
    ...end,
  ]);
}

/** An average pool whose [kh, kw] windows tile the NHWC input x [N, H, W, C] (C up to 256), into out. */
export function tiledPool(backend: WasmBackendInternals, x: number, out: number, xShape: number[], kh: number, kw: number): boolean {
  const [n, h, w, c] = xShape;
  if (x % 4 !== 0 || out % 4 !== 0) return false;
  const [oh, ow] = [h / kh, w / kw];
  const code = compileSimd(backend.wasm, `pool${c},${kh},${kw},${ow}`, 3, () => poolBody(c, kh, kw, ow));
  if (!code) return false;
  runSplit(backend, code, n * oh, n * h * w * c, (r0, r1) => [x + r0 * kh * w * c * 4, out + r0 * ow * c * 4, r1 - r0]);
  return true;
}

/** The gradient of an average pool whose [kh, kw] windows tile an NHWC input, from dy [N, H/kh, W/kw, C]. */
export function tiledPoolGradient(backend: WasmBackendInternals, dy: number, out: number, dyShape: number[], kh: number, kw: number): boolean {
  const [n, oh, ow, c] = dyShape;
  if (c > 4 * maxVectors || kh * kw > 64 || dy % 4 !== 0 || out % 4 !== 0) return false;
  const f = simdFunction(backend.wasm, `upsample${c},${kh},${kw}`, 4, () => upsampleBody(c, kh, kw, 1 / (kh * kw)));
  if (!f) return false;
  const rowBytes = ow * c * 4;
  f(dy, dy + n * oh * rowBytes, out, rowBytes);
  return true;
}

interface AvgPoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
}

/** tfjs's pooling attributes as (kernel, stride, pad); any padding but none counts as padding. */
function windowOf(attrs: AvgPoolAttrs): [[number, number], [number, number], [number, number]] {
  const unpadded = attrs.pad === 'valid' || attrs.pad === 0;
  return [pair(attrs.filterSize), pair(attrs.strides), unpadded ? [0, 0] : [1, 1]];
}

const avgPool = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const attrs = args.attrs as unknown as AvgPoolAttrs;
  const x = args.inputs.x as tf.TensorInfo;
  const [kernel, stride, pad] = windowOf(attrs);
  if (x.dtype !== 'float32' || x.shape.length !== 4 || !wasmTiledPoolRuns(kernel, stride, pad, x.shape.slice(1))) return original(args);
  const [kh, kw] = kernel;
  const backend = args.backend as unknown as WasmBackendInternals;
  const [n, h, w, c] = x.shape;
  const out = backend.makeOutput([n, h / kh, w / kw, c], 'float32');
  if (tiledPool(backend, offsetOf(backend, x), offsetOf(backend, out), x.shape, kh, kw)) return out;
  (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
  return original(args);
};

const avgPoolGrad = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const input = args.inputs.input as tf.TensorInfo;
  const [kernel, stride, pad] = windowOf(args.attrs as unknown as AvgPoolAttrs);
  if (!poolTiles(kernel, stride, pad, [input.shape[1], input.shape[2]])) return original(args);
  const [kh, kw] = kernel;
  const dy = args.inputs.dy as tf.TensorInfo;
  const backend = args.backend as unknown as WasmBackendInternals;
  if (dy.dtype === 'float32') {
    const out = backend.makeOutput(input.shape, 'float32');
    if (tiledPoolGradient(backend, offsetOf(backend, dy), offsetOf(backend, out), dy.shape, kh, kw)) return out;
    (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
  }
  return tf.tidy(() => tf.image.resizeNearestNeighbor(tf.mul(dy as tf.Tensor, 1 / (kh * kw)) as tf.Tensor4D, [input.shape[1], input.shape[2]]));
};

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * netc's MaxPoolGrad (max_pool_grad.ts) where the channels are a multiple of 4. Else tfjs-backend-wasm 4.22's MaxPoolGrad routes the gradient of an all-negative window to the wrong place (it
 * starts its running maximum at 0): where the input has negative values it is shifted to be positive first —
 * argmax is unchanged by a shift — so the fast native kernel always sees positive windows.
 */
const maxPoolGrad = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const x = args.inputs.input as tf.Tensor;
  const a = args.attrs as unknown as MaxPoolGradAttrs;
  if (x.shape.length === 4) {
    const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    const [, h, w, c] = x.shape;
    const g = { h, w, c, kh: info.filterHeight, kw: info.filterWidth, sh: info.strideHeight, sw: info.strideWidth, top: info.padInfo.top, left: info.padInfo.left, oh: info.outHeight, ow: info.outWidth };
    const dx = maxPoolGradient(args.backend as unknown as WasmBackendInternals, x, args.inputs.output!, args.inputs.dy!, g);
    if (dx) return dx;
  }
  const low = tf.tidy(() => tf.min(x));
  const shift = 1 - (low.dataSync() as Float32Array)[0]; // wasm reads are synchronous
  low.dispose();
  if (shift <= 1) return original(args); // every value already ≥ 0
  const shifted = tf.tidy(() => [tf.add(x, shift), tf.add(args.inputs.output as tf.Tensor, shift)]);
  const dx = original({ ...args, inputs: { ...args.inputs, input: shifted[0], output: shifted[1] } });
  tf.dispose(shifted);
  return dx;
};

export const poolingKernels: WasmKernelConfig[] = [
  { kernelName: 'AvgPool', wrap: avgPool },
  { kernelName: 'AvgPoolGrad', wrap: avgPoolGrad },
  { kernelName: 'MaxPoolGrad', wrap: maxPoolGrad },
];
