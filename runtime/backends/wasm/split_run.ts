// Runs netc's wasm SIMD functions over ranges of items, on a thread pool where the platform gives one (Node's
// worker threads: threads/pool.ts registers its factory) and the work is large, else in one call on this thread.
// Environment-neutral: a browser build without a pool factory runs every call on the calling thread.
import * as tf from '../../tfjs.js';
import { memoryOf, type CompiledSimd, type WasmBackendInternals } from './memory.js';

/** What runSplit needs of a pool: its thread count (caller included), whether it broke, and a blocking run. */
export interface ThreadPool {
  readonly threads: number;
  broken: boolean;
  run(module: WebAssembly.Module, f: (...args: number[]) => void, chunks: number[][]): void;
}

type PoolFactory = (memory: WebAssembly.Memory, extraThreads: number) => ThreadPool;
let factory: PoolFactory | undefined;

/** Sets how pools are made (once, by the platform that has threads). */
export function setThreadPoolFactory(make: PoolFactory): void {
  factory = make;
}

/** Splits [0, n) into `parts` contiguous ranges as even as can be (empty ranges dropped). */
export function splitRange(n: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let p = 0; p < parts; p++) {
    const [from, to] = [Math.floor((n * p) / parts), Math.floor((n * (p + 1)) / parts)];
    if (to > from) ranges.push([from, to]);
  }
  return ranges;
}

/** Below this much work (multiply-adds, or floats for memory-bound code) a call stays on one thread. */
const minParallelWork = 2_000_000;
const pools = new WeakMap<WebAssembly.Memory, ThreadPool | null>();

/** The thread pool for this backend's memory: as many threads as XNNPACK's, where the memory is shared. */
function poolOf(backend: WasmBackendInternals): ThreadPool | undefined {
  const memory = memoryOf(backend.wasm);
  if (!memory) return undefined;
  if (!pools.has(memory)) {
    const threads = tf.getThreadsCount();
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    pools.set(memory, factory && shared && threads > 1 ? factory(memory, threads - 1) : null);
  }
  return pools.get(memory) ?? undefined;
}

/** Chunks per thread a parallel call is cut into, so that threads running at different speeds finish together. */
const chunksPerThread = 4;

/**
 * Runs `code` over items [0, count) — images, vectors — in chunks claimed by all threads where `work` is
 * large, else in one call; the arguments of chunk i come from `argsFor(from, to, i)`. Returns the chunk count.
 */
export function runSplit(backend: WasmBackendInternals, code: CompiledSimd, count: number, work: number, argsFor: (from: number, to: number, chunk: number) => number[]): number {
  const found = work >= minParallelWork ? poolOf(backend) : undefined;
  const pool = found?.broken ? undefined : found;
  const chunks = splitRange(count, pool ? Math.min(pool.threads * chunksPerThread, count) : 1).map(([from, to], i) => argsFor(from, to, i));
  if (pool && chunks.length > 1) pool.run(code.module, code.f, chunks);
  else if (chunks.length === 1) code.f(...chunks[0]);
  return chunks.length;
}
