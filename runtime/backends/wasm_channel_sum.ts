// Per-channel sums for the wasm backend: Sum and Mean over every axis but the last (a bias gradient,
// BatchNorm's statistics and gradients), as a small hand-assembled WebAssembly SIMD function that runs on
// tfjs-backend-wasm's own memory. tfjs's kernel transposes the channels to the front and then sums rows:
// 2.2–2.9 ms over LeNet's [256, 28, 28, 6]; XNNPACK has no such reduction, and a matMul with a row of
// ones, a global average pool and JavaScript loops over the heap were all measured no faster.
//
// The function adds the input, 16 bytes at a time, into L / 4 vector accumulators, L = lcm(C, 4) floats
// (the channel pattern repeats every L floats); JavaScript then folds them into C sums and adds the few
// floats past the last whole row.
import * as tf from '../tfjs.js';
import { replaceWasmKernel } from './wasm_kernel_registry.js';

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
function moduleBytes(shared: boolean, maxPages: number, vectors: number): Uint8Array<ArrayBuffer> {
  const [X, END, ACC, P] = [0, 1, 2, 3];
  const accLocal = (k: number) => 4 + k;
  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const load = (offset: number) => [0xfd, 0x00, 0x02, ...uleb(offset)]; // v128.load, align 4 bytes
  const store = (offset: number) => [0xfd, 0x0b, 0x02, ...uleb(offset)];
  const f32x4Add = [0xfd, 0xe4, 0x01];
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
  const limits = shared ? [0x03, ...uleb(1), ...uleb(maxPages)] : [0x00, ...uleb(1)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name('sum'), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

interface WasmModuleObject {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}
interface WasmBackendInternals {
  wasm: WasmModuleObject;
  dataIdMap: { get(id: unknown): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

type SumFunction = (x: number, end: number, acc: number) => void;
const compiled = new WeakMap<WebAssembly.Memory, Map<number, SumFunction>>();

const memoryOf = (module: WasmModuleObject) => module.wasmMemory ?? module.asm?.memory;

/** The SIMD function over this backend's memory for rows of `vectors` × 4 floats, compiled once each. */
function sumFunction(module: WasmModuleObject, vectors: number): SumFunction | undefined {
  const memory = memoryOf(module);
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  let byVectors = compiled.get(memory);
  if (!byVectors) compiled.set(memory, (byVectors = new Map()));
  let sum = byVectors.get(vectors);
  if (!sum) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(shared, 65536, vectors)), { env: { memory } });
    sum = instance.exports.sum as SumFunction;
    byVectors.set(vectors, sum);
  }
  return sum;
}

/** Rows longer than this many 16-byte vectors go to tfjs's kernel (a channel count like 127 gives 127). */
const maxVectors = 64;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Sums of the last axis's channels over every other axis of float32 data at `ptr` (floats), into `out`. */
export function channelSums(backend: WasmBackendInternals, ptr: number, size: number, channels: number, out: Float32Array): boolean {
  const period = (channels * 4) / gcd(channels, 4);
  const sum = period / 4 <= maxVectors && ptr % 4 === 0 ? sumFunction(backend.wasm, period / 4) : undefined;
  if (!sum) return false;
  const rows = Math.floor(size / period);
  const acc = backend.wasm._malloc(period * 4);
  sum(ptr, ptr + rows * period * 4, acc);
  const heap = new Float32Array(memoryOf(backend.wasm)!.buffer);
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
      if (!channelSums(backend, backend.dataIdMap.get(x.dataId).memoryOffset, size, c, sums)) return original(args);
      if (mean) for (let i = 0; i < c; i++) sums[i] /= size / c;
      const shape = attrs.keepDims ? x.shape.map((d, i) => (i === x.shape.length - 1 ? d : 1)) : [c];
      const out = backend.makeOutput(shape, 'float32');
      const target = backend.dataIdMap.get(out.dataId).memoryOffset;
      new Float32Array(memoryOf(backend.wasm)!.buffer, target, c).set(sums);
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
