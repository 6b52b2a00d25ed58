// Starts tfjs-backend-wasm's multi-threaded build (XNNPACK over a pthread pool) in Node, which tfjs itself
// refuses to do (its WASM_HAS_MULTITHREAD_SUPPORT flag is false under Node). Three things stand in the way,
// each worked around here and nowhere else:
//  1. tfjs hands Emscripten `blob:` URLs for the pthread worker and the main script; Node's worker_threads
//     cannot load those. We pass real files: the package's main script, and the worker text written once
//     to a temporary file.
//  2. The C side caps the pool at emscripten_num_logical_cores() / 2 (it assumes 2 hyperthreads per core),
//     which is 1 on a 2-core machine. In Node that count is os.cpus().length, so while the module starts
//     we make os.cpus report twice the threads wanted.
//  3. Pool threads keep their workers ref'd, so the process would never exit; we unref them.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '../../../tfjs.js';

interface EmscriptenWorker { unref(): void }
interface ThreadedModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread: { runningWorkers: EmscriptenWorker[]; unusedWorkers: EmscriptenWorker[] };
  tfjs?: Record<string, (...args: number[]) => number>;
}
type ThreadedFactory = (config: Record<string, unknown>) => Promise<ThreadedModule>;

const mainScript = 'tfjs-backend-wasm-threaded-simd.js';
const startTimeoutMs = 20_000;

/** Writes the pthread worker script to a file named by its content, so concurrent starts never race. */
function workerFile(contents: string): string {
  const text = contents.replace(/\n/g, '\\n'); // the packaged text carries escaped newlines inside strings
  const file = join(os.tmpdir(), `netc-wasm-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  }
  return file;
}

/** Runs `start` while os.cpus() reports `count` entries (Emscripten reads it for the pool's cap). */
async function withReportedCpus<T>(count: number, start: () => Promise<T>): Promise<T> {
  const realCpus = os.cpus;
  const cpus = realCpus();
  os.cpus = () => Array.from({ length: count }, (_, i) => cpus[i % cpus.length]);
  try {
    return await start();
  } finally {
    os.cpus = realCpus;
  }
}

type ProcessEvent = 'uncaughtException' | 'unhandledRejection';

/**
 * Emscripten's Node glue installs process handlers that rethrow any uncaught exception or unhandled
 * rejection (printing a line of its minified source); netc reports its own errors, so they go.
 */
function dropListenersAddedSince(before: Record<ProcessEvent, ((...args: never[]) => void)[]>): void {
  for (const event of Object.keys(before) as ProcessEvent[])
    for (const listener of process.listeners(event as 'uncaughtException')) if (!before[event].includes(listener)) process.removeListener(event, listener);
}

/**
 * Registers tfjs's 'wasm' backend on the threaded build with `threads` threads and makes it current.
 * Returns a problem, or undefined; on a problem the caller falls back to the single-threaded build.
 */
export async function startThreadedWasm(threads: number): Promise<string | undefined> {
  if (typeof SharedArrayBuffer === 'undefined') return 'this Node has no SharedArrayBuffer';
  const require = createRequire(import.meta.url);
  let out: string;
  try {
    out = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  } catch {
    return "the '@tensorflow/tfjs-backend-wasm' package is not installed";
  }
  const factory = require(join(out, mainScript)) as ThreadedFactory;
  const { wasmWorkerContents } = require(join(out, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const worker = workerFile(wasmWorkerContents);
  const before = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  const started = withReportedCpus(2 * threads, () =>
    factory({
      locateFile: (path: string) => (path.endsWith('.worker.js') ? worker : join(out, path)),
      mainScriptUrlOrBlob: join(out, mainScript),
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`its workers did not start within ${startTimeoutMs / 1000} s`), startTimeoutMs)));
  const wasm = await Promise.race([started, timeout]).finally(() => clearTimeout(timer));
  dropListenersAddedSince(before);
  if (typeof wasm === 'string') return wasm;
  // The same bridge tfjs's own init() builds (backend_wasm.ts).
  wasm.tfjs = {
    init: wasm.cwrap('init', null, []),
    initWithThreadsCount: wasm.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: wasm.cwrap('get_threads_count', 'number', []),
    registerTensor: wasm.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: wasm.cwrap('dispose_data', null, ['number']),
    dispose: wasm.cwrap('dispose', null, []),
  };
  tf.setThreadsCount(threads);
  const singleThreaded = tf.findBackendFactory('wasm');
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', () => new tf.BackendWasm(wasm as never));
  const ok = await tf.setBackend('wasm').catch(() => false);
  for (const w of [...wasm.PThread.runningWorkers, ...wasm.PThread.unusedWorkers]) w.unref();
  const problem = !ok ? 'the threaded wasm module failed to initialize'
    : tf.getThreadsCount() !== threads ? `XNNPACK's pool has ${tf.getThreadsCount()} threads, not ${threads}` : undefined;
  if (problem) {
    await tf.setBackend('cpu');
    tf.removeBackend('wasm');
    if (singleThreaded) tf.registerBackend('wasm', singleThreaded);
  }
  return problem;
}
