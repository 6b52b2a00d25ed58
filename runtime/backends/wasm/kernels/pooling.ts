// Small WebAssembly SIMD functions, assembled here byte by byte, that run on tfjs-backend-wasm's own memory
// (imported: shared for the threaded build), for memory-bound per-channel work that tfjs-backend-wasm does
// with scalar loops and XNNPACK does not offer:
// - channel sums: the input, 16 bytes at a time, into L / 4 vector accumulators, L = lcm(C, 4) floats (the
//   channel pattern repeats every L floats), which JavaScript folds into C sums;
// - channel affine maps y = x·a + b, a and b tiled to L floats, held in vector locals;
// - [A, B, C] -> [B, A, C] transposes (a filter gradient's operands), C-element blocks copied whole, and
//   per-image [A, B] -> [B, A] transposes (NHWC ↔ NCHW);
// - a tiling average pool (each window's pixels summed as vectors, scaled) and its gradient (each pixel of dy
//   copied kh × kw times, scaled).
// JavaScript handles the few floats past the last whole row. Rows of more than 64 vectors (a channel count
// like 127 gives 127) are left to tfjs.
import {
  addTo, compileSimd, end, f32Const, f32x4Add, f32x4Mul, f32x4Splat, get, heapOf, i32, i32Add, load, loadLanes, locals, set, simdFunction, sleb, store, storeLanes, uleb, whileBelow,
  type WasmBackendInternals,
} from '../codegen/assembler.js';
import { runSplit } from '../threads/pool.js';

export { offsetOf, readFloats, writeFloats, type WasmBackendInternals } from '../codegen/assembler.js';

/** Rows longer than this many 16-byte vectors go to tfjs's kernel (a channel count like 127 gives 127). */
const maxVectors = 64;

/**
 * sum(x, end, acc): for p = x; p < end; p += 16·vectors: acc_k += load(p + 16k), k < vectors (f32x4 locals),
 * then acc[k] = acc_k. The memory is imported: tfjs's (shared, for the threaded build).
 */
function sumBody(vectors: number): number[] {
  const [X, END, ACC, P] = [0, 1, 2, 3];
  const accLocal = (k: number) => 4 + k;
  const ks = [...Array(vectors).keys()];
  const body = [
    0x02, 0x01, 0x7f, ...uleb(vectors), 0x7b, // locals: p (i32), the accumulators (v128, zero)
    ...get(X), ...set(P),
    0x02, 0x40, // block
    0x03, 0x40, // loop
    ...get(P), ...get(END), 0x4f, 0x0d, 0x01, // if p >= end: break
    ...ks.flatMap((k) => [...get(P), ...load(16 * k), ...get(accLocal(k)), ...f32x4Add, ...set(accLocal(k))]),
    ...get(P), 0x41, ...sleb(16 * vectors), 0x6a, ...set(P),
    0x0c, 0x00, // continue
    0x0b, // end loop
    0x0b, // end block
    ...ks.flatMap((k) => [...get(ACC), ...get(accLocal(k)), ...store(16 * k)]),
    0x0b, // end function
  ];
  return body;
}

/**
 * affine(x, end, out, ab): for p = x, q = out; p < end: store(q + 16k, load(p + 16k)·a_k + b_k), k < vectors,
 * where a_k, b_k are loaded once from ab (a's row, then b's).
 */
function affineBody(vectors: number): number[] {
  const [X, END, OUT, AB, P, Q] = [0, 1, 2, 3, 4, 5];
  const aLocal = (k: number) => 6 + k;
  const bLocal = (k: number) => 6 + vectors + k;
  const ks = [...Array(vectors).keys()];
  return [
    0x02, 0x02, 0x7f, ...uleb(2 * vectors), 0x7b, // locals: p, q (i32); a_k, b_k (v128)
    ...ks.flatMap((k) => [...get(AB), ...load(16 * k), ...set(aLocal(k))]),
    ...ks.flatMap((k) => [...get(AB), ...load(16 * (vectors + k)), ...set(bLocal(k))]),
    ...get(X), ...set(P), ...get(OUT), ...set(Q),
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(P), ...get(END), 0x4f, 0x0d, 0x01, // if p >= end: break
    ...ks.flatMap((k) => [...get(Q), ...get(P), ...load(16 * k), ...get(aLocal(k)), ...f32x4Mul, ...get(bLocal(k)), ...f32x4Add, ...store(16 * k)]),
    ...get(P), 0x41, ...sleb(16 * vectors), 0x6a, ...set(P),
    ...get(Q), 0x41, ...sleb(16 * vectors), 0x6a, ...set(Q),
    0x0c, 0x00, 0x0b, 0x0b, // continue; end loop; end block
    0x0b,
  ];
}

/**
 * swap(src, dst, A, B): [A, B, C] -> [B, A, C] for 4-byte elements, C (`block`) fixed: each block of C
 * elements is copied 16 bytes at a time, then 4 (unaligned loads and stores are allowed in wasm).
 */
function swapBody(block: number): number[] {
  const [SRC, DST, A, B, I, J, S, D, STRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const bytes = 4 * block;
  const copies = [...Array(Math.floor(block / 4)).keys()].flatMap((v) => [...get(D), ...get(S), ...load(16 * v), ...store(16 * v)]);
  const tail = [...Array(block % 4).keys()].flatMap((k) => {
    const offset = 16 * Math.floor(block / 4) + 4 * k;
    return [...get(D), ...get(S), 0x2a, 0x02, ...uleb(offset), 0x38, 0x02, ...uleb(offset)]; // f32.load, f32.store
  });
  return [
    0x01, 0x05, 0x7f, // locals: i, j, s, d, stride (i32)
    ...get(B), 0x41, ...sleb(bytes), 0x6c, ...set(STRIDE), // stride = B · block bytes
    ...get(DST), ...set(D),
    0x41, 0x00, ...set(J),
    0x02, 0x40, 0x03, 0x40, // for j < B
    ...get(J), ...get(B), 0x4f, 0x0d, 0x01,
    ...get(SRC), ...get(J), 0x41, ...sleb(bytes), 0x6c, 0x6a, ...set(S), // s = src + j · block bytes
    0x41, 0x00, ...set(I),
    0x02, 0x40, 0x03, 0x40, // for i < A
    ...get(I), ...get(A), 0x4f, 0x0d, 0x01,
    ...copies, ...tail,
    ...get(S), ...get(STRIDE), 0x6a, ...set(S),
    ...get(D), 0x41, ...sleb(bytes), 0x6a, ...set(D),
    ...get(I), 0x41, 0x01, 0x6a, ...set(I),
    0x0c, 0x00, 0x0b, 0x0b,
    ...get(J), 0x41, 0x01, 0x6a, ...set(J),
    0x0c, 0x00, 0x0b, 0x0b,
    0x0b,
  ];
}

/**
 * upsample(dy, end, out, rowBytes): each row of dy (rowBytes) becomes kh rows of out in which every
 * C-element pixel appears kw times, times `scale` (a tiling average pool's gradient).
 */
function upsampleBody(c: number, kh: number, kw: number, scale: number): number[] {
  const [DY, END, OUT, ROW, P, Q, ROW_END, ROW_START, ROW_OUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const scaledCopy = (j: number) => [
    ...[...Array(Math.floor(c / 4)).keys()].flatMap((v) => [...get(Q), ...get(P), ...load(16 * v), ...f32Const(scale), 0xfd, 0x13, 0xfd, 0xe6, 0x01, ...store(4 * c * j + 16 * v)]),
    ...[...Array(c % 4).keys()].flatMap((k) => {
      const offset = 16 * Math.floor(c / 4) + 4 * k;
      return [...get(Q), ...get(P), 0x2a, 0x02, ...uleb(offset), ...f32Const(scale), 0x94, 0x38, 0x02, ...uleb(4 * c * j + offset)];
    }),
  ];
  const copyRow = [...get(Q), ...get(ROW_START), ...get(ROW_OUT), 0xfc, 0x0a, 0x00, 0x00, ...get(Q), ...get(ROW_OUT), 0x6a, ...set(Q)];
  return [
    0x01, 0x05, 0x7f, // locals: p, q, rowEnd, rowStart, rowOut (i32)
    ...get(ROW), 0x41, ...sleb(kw), 0x6c, ...set(ROW_OUT),
    ...get(DY), ...set(P), ...get(OUT), ...set(Q),
    0x02, 0x40, 0x03, 0x40, // for each row of dy
    ...get(P), ...get(END), 0x4f, 0x0d, 0x01,
    ...get(P), ...get(ROW), 0x6a, ...set(ROW_END), ...get(Q), ...set(ROW_START),
    0x02, 0x40, 0x03, 0x40, // for each pixel of the row
    ...get(P), ...get(ROW_END), 0x4f, 0x0d, 0x01,
    ...[...Array(kw).keys()].flatMap(scaledCopy),
    ...get(P), 0x41, ...sleb(4 * c), 0x6a, ...set(P),
    ...get(Q), 0x41, ...sleb(4 * c * kw), 0x6a, ...set(Q),
    0x0c, 0x00, 0x0b, 0x0b,
    ...[...Array(kh - 1).keys()].flatMap(() => copyRow),
    0x0c, 0x00, 0x0b, 0x0b,
    0x0b,
  ];
}

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

/** out = x·a + b with a, b per channel (the last axis), for float32 data at byte offsets `x` and `out`. */
export function channelAffine(backend: WasmBackendInternals, x: number, out: number, size: number, a: Float32Array, b: Float32Array): boolean {
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

/**
 * transposeImages(src, dst, n): each of n [A, B] blocks of 4-byte elements becomes [B, A] (NHWC ↔ NCHW per
 * image: a flatten in PyTorch's order and its gradient), every element's offsets constant in the code.
 */
function transposeImagesBody(a: number, b: number): number[] {
  const [SRC, DST, N, I] = [0, 1, 2, 3];
  const moves = [...Array(a * b).keys()].flatMap((k) => {
    const [i, j] = [Math.floor(k / b), k % b];
    return [...get(DST), ...get(SRC), 0x28, 0x02, ...uleb(4 * k), 0x36, 0x02, ...uleb(4 * (j * a + i))]; // i32.load, i32.store
  });
  return [
    ...locals(1),
    ...whileBelow(I, N, [...moves, ...addTo(SRC, 4 * a * b), ...addTo(DST, 4 * a * b), ...addTo(I, 1)]),
    ...end,
  ];
}

/** Largest [A, B] block transposeImages unrolls (LeNet's flatten: 25 × 16). */
const maxImageElements = 4096;

/** n blocks [A, B] -> [B, A] of 4-byte elements at byte offsets `src` and `dst`. */
export function transposeImages(backend: WasmBackendInternals, src: number, dst: number, n: number, a: number, b: number): boolean {
  if (a * b > maxImageElements || src % 4 !== 0 || dst % 4 !== 0) return false;
  const code = compileSimd(backend.wasm, `transposeImages${a},${b}`, 3, () => transposeImagesBody(a, b));
  if (!code) return false;
  runSplit(backend, code, n, n * a * b, (n0, n1) => [src + 4 * a * b * n0, dst + 4 * a * b * n0, n1 - n0]);
  return true;
}

/** [A, B, C] -> [B, A, C] of 4-byte elements at byte offsets `src` and `dst` (C at most 64). */
export function swapLeadingAxes(backend: WasmBackendInternals, src: number, dst: number, a: number, b: number, c: number): boolean {
  const f = c <= maxVectors && src % 4 === 0 && dst % 4 === 0 ? simdFunction(backend.wasm, `swap${c}`, 4, () => swapBody(c)) : undefined;
  if (!f) return false;
  f(src, dst, a, b);
  return true;
}

/**
 * pool(x, out, rows): the average over each [kh, kw] window of rows × kh input rows (w = ow · kw pixels of C
 * floats each) into rows output rows: per output pixel, its window's kh × kw pixel vectors summed, scaled.
 */
function poolBody(c: number, kh: number, kw: number, ow: number): number[] {
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
  return [
    ...locals(2, vectors),
    ...whileBelow(ROW, ROWS, [
      ...get(OUT), ...i32(ow * c * 4), ...i32Add, ...set(P_END),
      ...whileBelow(OUT, P_END, [...pixel, ...addTo(X, kw * c * 4), ...addTo(OUT, c * 4)]),
      ...addTo(X, (kh - 1) * rowBytes), // past the window's other rows
      ...addTo(ROW, 1),
    ]),
    ...end,
  ];
}

/** An average pool whose [kh, kw] windows tile the NHWC input x [N, H, W, C] (C up to 256), into out. */
export function tiledPool(backend: WasmBackendInternals, x: number, out: number, xShape: number[], kh: number, kw: number): boolean {
  const [n, h, w, c] = xShape;
  if (c > 4 * maxVectors || x % 4 !== 0 || out % 4 !== 0) return false;
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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Floats after which the channel pattern repeats on a 16-byte boundary: lcm(C, 4). */
const periodOf = (channels: number) => (channels * 4) / gcd(channels, 4);
