// The wasm backend (XNNPACK, SIMD) in Node, with netc's gradient kernels so it can train; multi-threaded
// where the machine has more than one core (threads/threaded_build.ts), single-threaded otherwise or as a fallback.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { dirname, join } from 'node:path';
import * as tf from '../../tfjs.js';
import { guardMalloc } from './malloc_guard.js';
import type { WasmBackendInternals } from './memory.js';
import { registerWasmKernels } from './register_kernels.js';
import { startThreadedWasm } from './threads/threaded_build.js';
import './threads/pool.js'; // registers Node's worker-thread pool for netc's wasm kernels

/** XNNPACK's pool is built for at most 8 threads (tfjs pre-creates 8 pthread workers). */
export const maxWasmThreads = 8;

/** Threads to use: $NETC_THREADS when set, else one per core the OS gives this process (at most 8). */
export function defaultWasmThreads(): number {
  const fromEnv = Number(process.env.NETC_THREADS);
  const wanted = Number.isInteger(fromEnv) && fromEnv >= 1 ? fromEnv : availableParallelism();
  return Math.min(Math.max(1, wanted), maxWasmThreads);
}

let threadNote = '';

/** Starts tfjs-backend-wasm from the files shipped in its npm package; returns a problem, or undefined. */
export async function startWasm(threads = defaultWasmThreads()): Promise<string | undefined> {
  let distDir: string;
  try {
    distDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  } catch {
    return "the '@tensorflow/tfjs-backend-wasm' package is not installed";
  }
  tf.setWasmPaths(join(distDir, '/'));
  // Relaxed SIMD's fused multiply-add (codegen/assembler.ts) is on by default from Node 22; Node 20 has it behind
  // this flag, read when a module compiles.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  registerWasmKernels();
  threadNote = '';
  if (threads > 1) {
    const problem = await startThreadedWasm(threads).catch((error: Error) => error.message.split('\n')[0]);
    if (!problem) return guarded();
    threadNote = ` (${threads} threads wanted; the threaded build did not start: ${problem})`;
  }
  tf.setThreadsCount(1);
  const ok = await tf.setBackend('wasm').catch(() => false);
  return ok ? guarded() : 'tfjs-backend-wasm failed to initialize';
}

/** Installs the malloc guard on the started backend; no problem to report. */
function guarded(): undefined {
  guardMalloc((tf.backend() as unknown as WasmBackendInternals).wasm);
  return undefined;
}

export async function wasmDescription(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.getThreadsCount();
  return `WebAssembly${simd ? ' SIMD' : ''}, XNNPACK, ${threads} thread${threads === 1 ? '' : 's'} (tfjs-backend-wasm)${threadNote}`;
}
