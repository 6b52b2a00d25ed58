// More threads for netc's own wasm SIMD functions. tfjs-backend-wasm's pthreads serve only XNNPACK, so netc's
// code would run on one core; here worker threads instantiate the same modules over the same shared memory
// and, with the calling thread, claim the chunks of a call (ranges of images or vectors) one at a time.
// Handing over costs a shared-memory write and a futex wake (tens of µs): calls are split only where the
// work is large. Workers wait in Atomics.wait; they are unref'd, so they never keep a finished process alive.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { setThreadPoolFactory, type ThreadPool } from '../split_run.js';

export { splitRange } from '../split_run.js';

/** The job block, shared by all threads: function index, argument count, chunk count, next chunk, then each chunk's arguments. */
const [FUNCTION, ARG_COUNT, CHUNKS, NEXT, ARGS] = [0, 1, 2, 3, 4];
const [IDLE, RUN, FAILED] = [0, 1, 2];
const maxArgs = 8;
const maxChunks = 32;
/** One chunk of the largest layer netc's code takes runs for well under a second; a silent worker is gone. */
const maxWaitMs = 120_000;

// The worker's whole program: wait for RUN, take any new modules from its port, claim chunks of the job
// until none are left, report, wait again.
const workerSource = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { job, state, port, memory } = workerData;
const functions = [];
for (;;) {
  for (let s; (s = Atomics.load(state, 0)) !== ${RUN}; ) Atomics.wait(state, 0, s);
  for (let m; (m = receiveMessageOnPort(port)); ) functions[m.message.index] = new WebAssembly.Instance(m.message.module, { env: { memory } }).exports.f;
  const f = functions[job[${FUNCTION}]];
  const argCount = job[${ARG_COUNT}];
  let result = ${IDLE};
  try {
    for (let i; (i = Atomics.add(job, ${NEXT}, 1)) < job[${CHUNKS}]; ) f(...job.subarray(${ARGS} + i * argCount, ${ARGS} + (i + 1) * argCount));
  } catch { result = ${FAILED}; }
  Atomics.store(state, 0, result);
  Atomics.notify(state, 0);
}
`;

interface PoolWorker {
  state: Int32Array;
  port: MessagePort;
  /** Function indices this worker has instantiated. */
  known: Set<number>;
}

export class WasmThreadPool implements ThreadPool {
  private readonly job = new Int32Array(new SharedArrayBuffer(4 * (ARGS + maxChunks * maxArgs)));
  private readonly workers: PoolWorker[] = [];
  private readonly modules: WebAssembly.Module[] = [];
  private readonly indexOf = new Map<WebAssembly.Module, number>();
  /** Set when a worker stopped answering: later calls run on the calling thread alone. */
  broken = false;

  /** `extraThreads` workers over `memory` (a shared WebAssembly.Memory). */
  constructor(memory: WebAssembly.Memory, extraThreads: number) {
    for (let i = 0; i < extraThreads; i++) {
      const state = new Int32Array(new SharedArrayBuffer(4));
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerSource, { eval: true, workerData: { job: this.job, state, port: port2, memory }, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.workers.push({ state, port: port1, known: new Set() });
    }
  }

  /** Threads a call can be split over, the calling thread included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Calls `f` (compiled from `module`) once per argument list (chunk), the chunks claimed one at a time by
   * this thread and the workers alike — so a slower core simply takes fewer — and returns when all are done.
   */
  run(module: WebAssembly.Module, f: (...args: number[]) => void, chunks: number[][]): void {
    const argCount = chunks[0].length;
    if (chunks.length > maxChunks || argCount > maxArgs || chunks.some((c) => c.length !== argCount)) {
      throw new Error(`netc's wasm thread pool takes at most ${maxChunks} chunks of the same ≤ ${maxArgs} arguments`);
    }
    let index = this.indexOf.get(module);
    if (index === undefined) {
      index = this.modules.push(module) - 1;
      this.indexOf.set(module, index);
    }
    this.job[FUNCTION] = index;
    this.job[ARG_COUNT] = argCount;
    this.job[CHUNKS] = chunks.length;
    chunks.forEach((args, i) => this.job.set(args, ARGS + i * argCount));
    Atomics.store(this.job, NEXT, 0);
    for (const w of this.workers) {
      if (!w.known.has(index)) {
        w.port.postMessage({ index, module });
        w.known.add(index);
      }
      Atomics.store(w.state, 0, RUN);
      Atomics.notify(w.state, 0);
    }
    let failed = false;
    try {
      for (let i; (i = Atomics.add(this.job, NEXT, 1)) < chunks.length; ) f(...chunks[i]);
    } finally {
      for (const w of this.workers) {
        const since = performance.now();
        while (Atomics.load(w.state, 0) === RUN) {
          Atomics.wait(w.state, 0, RUN, 1000);
          // A worker that died (out of memory, terminated) never answers: fail rather than hang.
          if (performance.now() - since > maxWaitMs) {
            this.broken = true;
            throw new Error(`a worker thread of netc's wasm SIMD code has not answered in ${maxWaitMs / 1000} s`);
          }
        }
        if (Atomics.load(w.state, 0) === FAILED) failed = true;
        Atomics.store(w.state, 0, IDLE);
      }
    }
    if (failed) throw new Error("a worker thread of netc's wasm SIMD code failed (out-of-bounds memory access)");
  }
}

// Node's worker threads serve netc's wasm code wherever this module is loaded (wasm/node.ts loads it).
setThreadPoolFactory((memory, extraThreads) => new WasmThreadPool(memory, extraThreads));
