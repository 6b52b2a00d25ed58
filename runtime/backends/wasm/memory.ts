// Running netc's generated modules (codegen/) on tfjs-backend-wasm's own memory, imported (shared for the
// threaded build): each compiled once per memory and key, and the views kernels read and write through —
// the heap as floats, a tensor's byte offset, copies in and out.
import type * as tf from '../../tfjs.js';
import { moduleBytes, type Code } from './codegen/assembler.js';

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
let moduleObserver: ((key: string, bytes: Uint8Array) => void) | undefined;

export const memoryOf = (module: WasmModuleObject) => module.wasmMemory ?? module.asm?.memory;

/** The function named by `key` (built by `body`, taking `params` i32s) over this backend's memory, compiled once, and its module. */
export function compileSimd(module: WasmModuleObject, key: string, params: number, body: () => Code): CompiledSimd | undefined {
  const memory = memoryOf(module);
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  let cache = compiled.get(memory);
  if (!cache) compiled.set(memory, (cache = new Map()));
  let entry = cache.get(key);
  if (!entry) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = moduleBytes(shared, 65536, params, body());
    moduleObserver?.(key, bytes);
    const wasmModule = new WebAssembly.Module(bytes);
    entry = { module: wasmModule, f: new WebAssembly.Instance(wasmModule, { env: { memory } }).exports.f as SimdFunction };
    cache.set(key, entry);
  }
  return entry;
}

/** The function alone (see compileSimd). */
export const simdFunction = (module: WasmModuleObject, key: string, params: number, body: () => Code) => compileSimd(module, key, params, body)?.f;

export const heapOf = (backend: WasmBackendInternals) => new Float32Array(memoryOf(backend.wasm)!.buffer);
/** A copy of `count` floats of the wasm memory at byte offset `at`. */
export const readFloats = (backend: WasmBackendInternals, at: number, count: number) => heapOf(backend).slice(at / 4, at / 4 + count);
/** Copies floats into the wasm memory at byte offset `at`. */
export const writeFloats = (backend: WasmBackendInternals, at: number, values: Float32Array) => heapOf(backend).set(values, at / 4);
/** Where a tensor's data starts in the wasm memory, in bytes. */
export const offsetOf = (backend: WasmBackendInternals, t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;

/** Sees the bytes of every module compiled from now on (the WAT dump's hook: scripts/wasm_wat.ts); undefined stops. */
export function observeCompiledModules(observer: ((key: string, bytes: Uint8Array) => void) | undefined): void {
  moduleObserver = observer;
}
