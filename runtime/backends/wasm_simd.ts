// Small WebAssembly SIMD functions, assembled here byte by byte, that run on tfjs-backend-wasm's own memory
// (imported: shared for the threaded build), for memory-bound per-channel work that tfjs-backend-wasm does
// with scalar loops and XNNPACK does not offer:
// - channel sums: the input, 16 bytes at a time, into L / 4 vector accumulators, L = lcm(C, 4) floats (the
//   channel pattern repeats every L floats), which JavaScript folds into C sums;
// - channel affine maps y = x·a + b, a and b tiled to L floats, held in vector locals.
// JavaScript handles the few floats past the last whole row. Rows of more than 64 vectors (a channel count
// like 127 gives 127) are left to tfjs.
import type * as tf from '../tfjs.js';

/** Rows longer than this many 16-byte vectors go to tfjs's kernel (a channel count like 127 gives 127). */
const maxVectors = 64;

/** unsigned LEB128 */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** signed LEB128 (non-negative values) */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n === 0 && (byte & 0x40) === 0) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

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

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const load = (offset: number) => [0xfd, 0x00, 0x02, ...uleb(offset)]; // v128.load, align 4 bytes
const store = (offset: number) => [0xfd, 0x0b, 0x02, ...uleb(offset)];
const f32x4Add = [0xfd, 0xe4, 0x01];
const f32x4Mul = [0xfd, 0xe6, 0x01];

/** A module of one exported function `f` of `params` i32 parameters, over the imported memory. */
function moduleBytes(shared: boolean, maxPages: number, params: number, body: number[]): Uint8Array<ArrayBuffer> {
  const limits = shared ? [0x03, ...uleb(1), ...uleb(maxPages)] : [0x00, ...uleb(1)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, params, ...Array(params).fill(0x7f), 0x00]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name('f'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

export interface WasmModuleObject {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}
export interface WasmBackendInternals {
  wasm: WasmModuleObject;
  dataIdMap: { get(id: unknown): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

type Kind = 'sum' | 'affine';
type SimdFunction = (...pointers: number[]) => void;
const compiled = new WeakMap<WebAssembly.Memory, Map<string, SimdFunction>>();

const memoryOf = (module: WasmModuleObject) => module.wasmMemory ?? module.asm?.memory;

/** The function of this kind for rows of `vectors` × 4 floats, over this backend's memory, compiled once. */
function simdFunction(module: WasmModuleObject, kind: Kind, vectors: number): SimdFunction | undefined {
  const memory = memoryOf(module);
  if (!(memory instanceof WebAssembly.Memory) || vectors > maxVectors) return undefined;
  let cache = compiled.get(memory);
  if (!cache) compiled.set(memory, (cache = new Map()));
  const key = `${kind}${vectors}`;
  let f = cache.get(key);
  if (!f) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = kind === 'sum' ? moduleBytes(shared, 65536, 3, sumBody(vectors)) : moduleBytes(shared, 65536, 4, affineBody(vectors));
    f = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.f as SimdFunction;
    cache.set(key, f);
  }
  return f;
}



/** Sums of the last axis's channels over every other axis of float32 data at `ptr` (floats), into `out`. */
export function channelSums(backend: WasmBackendInternals, ptr: number, size: number, channels: number, out: Float32Array): boolean {
  const period = periodOf(channels);
  const sum = ptr % 4 === 0 ? simdFunction(backend.wasm, 'sum', period / 4) : undefined;
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
  const f = x % 4 === 0 && out % 4 === 0 ? simdFunction(backend.wasm, 'affine', period / 4) : undefined;
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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Floats after which the channel pattern repeats on a 16-byte boundary: lcm(C, 4). */
const periodOf = (channels: number) => (channels * 4) / gcd(channels, 4);
const heapOf = (backend: WasmBackendInternals) => new Float32Array(memoryOf(backend.wasm)!.buffer);
/** A copy of `count` floats of the wasm memory at byte offset `at`. */
export const readFloats = (backend: WasmBackendInternals, at: number, count: number) => heapOf(backend).slice(at / 4, at / 4 + count);
/** Copies floats into the wasm memory at byte offset `at`. */
export const writeFloats = (backend: WasmBackendInternals, at: number, values: Float32Array) => heapOf(backend).set(values, at / 4);
/** Where a tensor's data starts in the wasm memory, in bytes. */
export const offsetOf = (backend: WasmBackendInternals, t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
