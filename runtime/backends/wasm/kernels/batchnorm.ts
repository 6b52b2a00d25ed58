// BatchNorm in training mode on the wasm backend as two kernels over channels-last feature maps, each a few
// SIMD passes (channel_rows.ts's rows of lcm(C, 4) floats) where tfjs's ops made one pass per op:
// - NetcBatchNormTrain(x, γ, β) → y, μ, σ²: Σx, then Σ(x − μ)² (two passes, so no cancellation), then
//   y = x·a + b with a = γ·σ⁻¹, b = β − μ·a: three reads and one write (the ops: six reads, four writes);
// - NetcBatchNormTrainGrad(dy, x, μ, σ⁻¹, γ) → dx, dγ, dβ: Σdy and Σdy·(x − μ) in one pass, then
//   dx = k·dy + c·x + d per channel (the closed form of ../../../ops/batchnorm_train.ts): three reads and one
//   write (the ops: nine reads, five writes). Memory bound: FashionNet's 28×28×32 layer is 25 MB a pass.
// Per-channel arithmetic between the passes is in JavaScript, in doubles.
import type * as tf from '../../../tfjs.js';
import { addTo, end, f32x4Add, f32x4Mul, f32x4Sub, get, load, locals, set, store, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { heapOf, offsetOf, readFloats, simdFunction, writeFloats, type WasmBackendInternals } from '../memory.js';
import { maxVectors, periodOf } from './channel_rows.js';
import { channelSums } from './reductions.js';
import { simdChannelAffine } from './elementwise.js';

const range = (n: number) => [...Array(n).keys()];

/** deviations(x, end, mu, acc): acc_k = Σ (load(p + 16k) − mu_k)² over rows p of x, k < vectors. */
export function squaredDeviationsBody(vectors: number): Code {
  const [X, END, MU, ACC, P] = [0, 1, 2, 3, 4];
  const mu = (k: number) => 5 + k;
  const acc = (k: number) => 5 + vectors + k;
  const d = 5 + 2 * vectors;
  const ks = range(vectors);
  return withLocalNames(['x', 'end', 'mu', 'acc', 'p', ...ks.map((k) => `mu${k}`), ...ks.map((k) => `acc${k}`), 'd'], [
    ...locals(1, 2 * vectors + 1),
    ...ks.flatMap((k) => [...get(MU), ...load(16 * k), ...set(mu(k))]),
    ...get(X), ...set(P),
    ...whileBelow(P, END, [
      ...ks.flatMap((k) => [...get(P), ...load(16 * k), ...get(mu(k)), ...f32x4Sub, ...set(d), ...get(d), ...get(d), ...f32x4Mul, ...get(acc(k)), ...f32x4Add, ...set(acc(k))]),
      ...addTo(P, 16 * vectors),
    ]),
    ...ks.flatMap((k) => [...get(ACC), ...get(acc(k)), ...store(16 * k)]),
    ...end,
  ]);
}

/** gradSums(dy, end, x, mu, acc): acc[k] = Σ dy, acc[vectors + k] = Σ dy·(x − mu) over rows, k < vectors. */
export function gradientSumsBody(vectors: number): Code {
  const [DY, END, X, MU, ACC, P, Q] = [0, 1, 2, 3, 4, 5, 6];
  const mu = (k: number) => 7 + k;
  const sum = (k: number) => 7 + vectors + k;
  const dot = (k: number) => 7 + 2 * vectors + k;
  const g = 7 + 3 * vectors;
  const ks = range(vectors);
  return withLocalNames(['dy', 'end', 'x', 'mu', 'acc', 'p', 'q', ...ks.map((k) => `mu${k}`), ...ks.map((k) => `sum${k}`), ...ks.map((k) => `dot${k}`), 'g'], [
    ...locals(2, 3 * vectors + 1),
    ...ks.flatMap((k) => [...get(MU), ...load(16 * k), ...set(mu(k))]),
    ...get(DY), ...set(P), ...get(X), ...set(Q),
    ...whileBelow(P, END, [
      ...ks.flatMap((k) => [
        ...get(P), ...load(16 * k), ...set(g),
        ...get(g), ...get(sum(k)), ...f32x4Add, ...set(sum(k)),
        ...get(Q), ...load(16 * k), ...get(mu(k)), ...f32x4Sub, ...get(g), ...f32x4Mul, ...get(dot(k)), ...f32x4Add, ...set(dot(k)),
      ]),
      ...addTo(P, 16 * vectors), ...addTo(Q, 16 * vectors),
    ]),
    ...ks.flatMap((k) => [...get(ACC), ...get(sum(k)), ...store(16 * k), ...get(ACC), ...get(dot(k)), ...store(16 * (vectors + k))]),
    ...end,
  ]);
}

/** inputGrad(dy, end, x, out, coefs): out = dy·a_k + x·b_k + c_k per row, coefs holding a's row, b's, c's. */
export function inputGradientBody(vectors: number): Code {
  const [DY, END, X, OUT, COEFS, P, Q, O] = [0, 1, 2, 3, 4, 5, 6, 7];
  const coef = (row: number, k: number) => 8 + row * vectors + k;
  const ks = range(vectors);
  return withLocalNames(['dy', 'end', 'x', 'out', 'coefs', 'p', 'q', 'o', ...[0, 1, 2].flatMap((row) => ks.map((k) => `${'abc'[row]}${k}`))], [
    ...locals(3, 3 * vectors),
    ...[0, 1, 2].flatMap((row) => ks.flatMap((k) => [...get(COEFS), ...load(16 * (row * vectors + k)), ...set(coef(row, k))])),
    ...get(DY), ...set(P), ...get(X), ...set(Q), ...get(OUT), ...set(O),
    ...whileBelow(P, END, [
      ...ks.flatMap((k) => [
        ...get(O),
        ...get(P), ...load(16 * k), ...get(coef(0, k)), ...f32x4Mul,
        ...get(Q), ...load(16 * k), ...get(coef(1, k)), ...f32x4Mul, ...f32x4Add,
        ...get(coef(2, k)), ...f32x4Add,
        ...store(16 * k),
      ]),
      ...addTo(P, 16 * vectors), ...addTo(Q, 16 * vectors), ...addTo(O, 16 * vectors),
    ]),
    ...end,
  ]);
}

interface Layout { channels: number; period: number; rows: number; size: number; perChannel: number }

/** The rows a feature map splits into; undefined where netc's code does not apply (tfjs's ops run instead). */
function layoutOf(x: tf.TensorInfo): Layout | undefined {
  const channels = x.shape[x.shape.length - 1];
  const size = x.shape.reduce((a, b) => a * b, 1);
  const period = periodOf(channels);
  if (x.dtype !== 'float32' || period / 4 > maxVectors || size === 0) return undefined;
  return { channels, period, rows: Math.floor(size / period), size, perChannel: size / channels };
}

/** Whether the kernels below take this feature map (the op asks before choosing them). */
export const wasmBatchNormApplies = (x: tf.TensorInfo) => layoutOf(x) !== undefined;

/** Per-channel values tiled over a period, as floats at a fresh malloc'd offset (freed by the caller). */
function tiled(backend: WasmBackendInternals, rows: Float64Array[], l: Layout): number {
  const at = backend.wasm._malloc(rows.length * l.period * 4);
  const values = new Float32Array(rows.length * l.period);
  rows.forEach((row, r) => {
    for (let j = 0; j < l.period; j++) values[r * l.period + j] = row[j % l.channels];
  });
  writeFloats(backend, at, values);
  return at;
}

/** Folds a period of vector sums into per-channel sums. */
function folded(backend: WasmBackendInternals, at: number, l: Layout): Float64Array {
  const sums = new Float64Array(l.channels);
  const values = readFloats(backend, at, l.period);
  for (let j = 0; j < l.period; j++) sums[j % l.channels] += values[j];
  return sums;
}

const floatsOf = (backend: WasmBackendInternals, t: tf.TensorInfo, count: number) => readFloats(backend, offsetOf(backend, t), count);

function output(backend: WasmBackendInternals, shape: number[], values: ArrayLike<number>): tf.TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  writeFloats(backend, offsetOf(backend, out), Float32Array.from(values));
  return out;
}

const batchNormTrain: tf.KernelFunc = ({ inputs, attrs, backend: b }) => {
  const backend = b as unknown as WasmBackendInternals;
  const { x, gamma, beta } = inputs as Record<'x' | 'gamma' | 'beta', tf.TensorInfo>;
  const eps = (attrs as unknown as { eps: number }).eps;
  const l = layoutOf(x)!;
  const xAt = offsetOf(backend, x);
  const sums = new Float32Array(l.channels);
  channelSums(backend, xAt, l.size, l.channels, sums);
  const mean = Float64Array.from(sums, (s) => s / l.perChannel);
  const muAt = tiled(backend, [mean], l);
  const accAt = backend.wasm._malloc(l.period * 4);
  simdFunction(backend.wasm, `bnDeviations${l.period}`, 4, () => squaredDeviationsBody(l.period / 4))!(xAt, xAt + l.rows * l.period * 4, muAt, accAt);
  const squares = folded(backend, accAt, l);
  const heap = heapOf(backend);
  for (let i = l.rows * l.period; i < l.size; i++) squares[i % l.channels] += (heap[xAt / 4 + i] - mean[i % l.channels]) ** 2;
  backend.wasm._free(muAt);
  backend.wasm._free(accAt);
  const variance = squares.map((s) => s / l.perChannel);
  const g = floatsOf(backend, gamma, l.channels);
  const bt = floatsOf(backend, beta, l.channels);
  const a = Float32Array.from(variance, (v, c) => g[c] / Math.sqrt(v + eps));
  const shift = Float32Array.from(mean, (m, c) => bt[c] - m * a[c]);
  const y = backend.makeOutput(x.shape, 'float32');
  simdChannelAffine(backend, xAt, offsetOf(backend, y), l.size, a, shift);
  return [y, output(backend, [l.channels], mean), output(backend, [l.channels], variance)];
};

const batchNormTrainGrad: tf.KernelFunc = ({ inputs, backend: b }) => {
  const backend = b as unknown as WasmBackendInternals;
  const { dy, x, mean, invStd, gamma } = inputs as Record<'dy' | 'x' | 'mean' | 'invStd' | 'gamma', tf.TensorInfo>;
  const l = layoutOf(x)!;
  const [dyAt, xAt] = [offsetOf(backend, dy), offsetOf(backend, x)];
  const mu = Float64Array.from(floatsOf(backend, mean, l.channels));
  const s = Float64Array.from(floatsOf(backend, invStd, l.channels));
  const g = floatsOf(backend, gamma, l.channels);
  const muAt = tiled(backend, [mu], l);
  const accAt = backend.wasm._malloc(2 * l.period * 4);
  simdFunction(backend.wasm, `bnGradSums${l.period}`, 5, () => gradientSumsBody(l.period / 4))!(dyAt, dyAt + l.rows * l.period * 4, xAt, muAt, accAt);
  const dBeta = folded(backend, accAt, l);
  const dotRaw = folded(backend, accAt + l.period * 4, l); // Σ dy·(x − μ) = dγ / σ⁻¹
  let heap = heapOf(backend);
  for (let i = l.rows * l.period; i < l.size; i++) {
    const c = i % l.channels;
    dBeta[c] += heap[dyAt / 4 + i];
    dotRaw[c] += heap[dyAt / 4 + i] * (heap[xAt / 4 + i] - mu[c]);
  }
  backend.wasm._free(muAt);
  backend.wasm._free(accAt);
  // dx = k·dy − k·σ⁻²·Σdy(x−μ)/M·(x − μ) − k·Σdy/M, with k = γ·σ⁻¹: per channel, dx = k·dy + c·x + d.
  const k = Float64Array.from(g, (gc, c) => gc * s[c]);
  const cx = k.map((kc, c) => (-kc * s[c] * s[c] * dotRaw[c]) / l.perChannel);
  const d = k.map((kc, c) => (-kc * dBeta[c]) / l.perChannel - cx[c] * mu[c]);
  const coefsAt = tiled(backend, [k, cx, d], l);
  const dx = backend.makeOutput(x.shape, 'float32');
  const dxAt = offsetOf(backend, dx);
  simdFunction(backend.wasm, `bnInputGrad${l.period}`, 5, () => inputGradientBody(l.period / 4))!(dyAt, dyAt + l.rows * l.period * 4, xAt, dxAt, coefsAt);
  backend.wasm._free(coefsAt);
  heap = heapOf(backend);
  for (let i = l.rows * l.period; i < l.size; i++) {
    const c = i % l.channels;
    heap[dxAt / 4 + i] = k[c] * heap[dyAt / 4 + i] + cx[c] * heap[xAt / 4 + i] + d[c];
  }
  return [dx, output(backend, [l.channels], dotRaw.map((v, c) => v * s[c])), output(backend, [l.channels], dBeta)];
};

export const batchNormKernels: WasmKernelConfig[] = [
  { kernelName: 'NetcBatchNormTrain', kernelFunc: batchNormTrain },
  { kernelName: 'NetcBatchNormTrainGrad', kernelFunc: batchNormTrainGrad },
];
