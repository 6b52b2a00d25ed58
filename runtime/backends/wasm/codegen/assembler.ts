// The bytes of small WebAssembly SIMD modules that netc writes itself, and running them on tfjs-backend-wasm's
// own memory (imported: shared for the threaded build). Instructions are arrays of bytes, spliced together
// by the kernel files (wasm_simd.ts, wasm_direct_conv.ts); this file knows the encoding, they know the math.
import type * as tf from '../../../tfjs.js';

/** unsigned LEB128 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** signed LEB128 */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

// Locals and integers
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const i32Add = [0x6a];
export const i32Mul = [0x6c];
/** local[i] += n */
export const addTo = (i: number, n: number) => (n === 0 ? [] : [...get(i), ...i32(n), ...i32Add, ...set(i)]);
/** Declares locals: `i32s` of type i32, then `v128s` of type v128 (both zero-initialised). */
export const locals = (i32s: number, v128s = 0) => {
  const groups = [i32s > 0 ? [...uleb(i32s), 0x7f] : [], v128s > 0 ? [...uleb(v128s), 0x7b] : []].filter((g) => g.length > 0);
  return [...uleb(groups.length), ...groups.flat()];
};

// Control
/** while (local[counter] < local[limit]) { body } — the caller advances the counter inside `body`. */
export const whileBelow = (counter: number, limit: number, body: number[]) => [
  0x02, 0x40, 0x03, 0x40, // block, loop
  ...get(counter), ...get(limit), 0x4f, 0x0d, 0x01, // if counter >= limit (unsigned): break
  ...body,
  0x0c, 0x00, 0x0b, 0x0b, // continue; end loop; end block
];
export const end = [0x0b];

// Memory: offsets are constant byte offsets added to the address on the stack.
export const load = (offset: number) => [0xfd, 0x00, 0x02, ...uleb(offset)]; // v128.load, align 4 bytes
export const store = (offset: number) => [0xfd, 0x0b, 0x02, ...uleb(offset)];
export const loadSplat = (offset: number) => [0xfd, 0x09, 0x02, ...uleb(offset)]; // v128.load32_splat
export const f32Load = (offset: number) => [0x2a, 0x02, ...uleb(offset)];
export const f32Store = (offset: number) => [0x38, 0x02, ...uleb(offset)];
export const memoryCopy = [0xfc, 0x0a, 0x00, 0x00];
export const memoryFill = [0xfc, 0x0b, 0x00];

/**
 * Pushes a vector of `lanes` (1–4) floats read at address `at` + `offset`, the rest zero, never touching memory
 * past them: the last channels of a pixel whose channel count is not a multiple of 4.
 */
export function loadLanes(at: number[], offset: number, lanes: number): number[] {
  if (lanes === 4) return [...at, ...load(offset)];
  if (lanes === 1) return [...at, 0xfd, 0x5c, 0x02, ...uleb(offset)]; // v128.load32_zero
  const low = [0xfd, 0x5d, 0x02, ...uleb(offset)]; // v128.load64_zero
  if (lanes === 2) return [...at, ...low];
  return [...at, ...at, ...low, 0xfd, 0x56, 0x02, ...uleb(offset + 8), 2]; // v128.load32_lane into lane 2
}

/** Stores the first `lanes` (1–4) floats of vector local `v` at address `at` + `offset`, and nothing past them. */
export function storeLanes(at: number[], offset: number, v: number, lanes: number): number[] {
  if (lanes === 4) return [...at, ...get(v), ...store(offset)];
  if (lanes === 1) return [...at, ...get(v), 0xfd, 0x5a, 0x02, ...uleb(offset), 0]; // v128.store32_lane 0
  const low = [...at, ...get(v), 0xfd, 0x5b, 0x02, ...uleb(offset), 0]; // v128.store64_lane 0
  if (lanes === 2) return low;
  return [...low, ...at, ...get(v), 0xfd, 0x5a, 0x02, ...uleb(offset + 8), 2];
}

// f32x4 arithmetic
const simd = (op: number) => [0xfd, ...uleb(op)];
export const f32x4Add = simd(0xe4);
export const f32x4Sub = simd(0xe5);
export const f32x4Mul = simd(0xe6);
export const f32x4Div = simd(0xe7);
export const f32x4Min = simd(0xe8);
export const f32x4Max = simd(0xe9);
export const f32x4Gt = simd(0x44);
export const f32x4Splat = simd(0x13);
export const v128And = simd(0x4e);
export const i32x4Shl = simd(0xab);
export const f32Const = (v: number) => [0x43, ...new Uint8Array(new Float32Array([v]).buffer)];
export const f32Mul = [0x94];
export const zeroVector = [0xfd, 0x0c, ...Array(16).fill(0)]; // v128.const 0

/** The bytes of a module of one exported function `f` of `params` i32 parameters, over the imported memory. */
export function moduleBytes(shared: boolean, maxPages: number, params: number, body: number[]): Uint8Array<ArrayBuffer> {
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

const relaxedMadd = [0xfd, 0x85, 0x02]; // f32x4.relaxed_madd(a, b, c) = a·b + c, one FMA where the CPU has it
let fusedMultiplyAdd: boolean | undefined;

/**
 * Whether this engine takes relaxed SIMD's fused multiply-add (on by default from Chrome 114 / Node 22; Node
 * 20 needs V8's flag, which wasm_node.ts sets). Without it a multiply-add is two instructions.
 */
export function hasFusedMultiplyAdd(): boolean {
  if (fusedMultiplyAdd === undefined) {
    const body = [0x00, ...zeroVector, ...zeroVector, ...zeroVector, ...relaxedMadd, 0x1a, 0x0b]; // madd, drop
    fusedMultiplyAdd = WebAssembly.validate(moduleBytes(false, 1, 0, body));
  }
  return fusedMultiplyAdd;
}

/** Pushes a·b + c, each operand given as the code that pushes it. */
export const multiplyAdd = (a: number[], b: number[], c: number[]) =>
  hasFusedMultiplyAdd() ? [...a, ...b, ...c, ...relaxedMadd] : [...a, ...b, ...f32x4Mul, ...c, ...f32x4Add];

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

export type SimdFunction = (...args: number[]) => void;
export interface CompiledSimd {
  module: WebAssembly.Module;
  f: SimdFunction;
}
const compiled = new WeakMap<WebAssembly.Memory, Map<string, CompiledSimd>>();

export const memoryOf = (module: WasmModuleObject) => module.wasmMemory ?? module.asm?.memory;

/** The function named by `key` (built by `body`, taking `params` i32s) over this backend's memory, compiled once, and its module. */
export function compileSimd(module: WasmModuleObject, key: string, params: number, body: () => number[]): CompiledSimd | undefined {
  const memory = memoryOf(module);
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  let cache = compiled.get(memory);
  if (!cache) compiled.set(memory, (cache = new Map()));
  let entry = cache.get(key);
  if (!entry) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const wasmModule = new WebAssembly.Module(moduleBytes(shared, 65536, params, body()));
    entry = { module: wasmModule, f: new WebAssembly.Instance(wasmModule, { env: { memory } }).exports.f as SimdFunction };
    cache.set(key, entry);
  }
  return entry;
}

/** The function alone (see compileSimd). */
export const simdFunction = (module: WasmModuleObject, key: string, params: number, body: () => number[]) => compileSimd(module, key, params, body)?.f;

export const heapOf = (backend: WasmBackendInternals) => new Float32Array(memoryOf(backend.wasm)!.buffer);
/** A copy of `count` floats of the wasm memory at byte offset `at`. */
export const readFloats = (backend: WasmBackendInternals, at: number, count: number) => heapOf(backend).slice(at / 4, at / 4 + count);
/** Copies floats into the wasm memory at byte offset `at`. */
export const writeFloats = (backend: WasmBackendInternals, at: number, values: Float32Array) => heapOf(backend).set(values, at / 4);
/** Where a tensor's data starts in the wasm memory, in bytes. */
export const offsetOf = (backend: WasmBackendInternals, t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
