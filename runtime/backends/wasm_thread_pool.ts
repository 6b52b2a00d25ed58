// More threads for netc's own wasm SIMD functions. tfjs-backend-wasm's pthreads serve only XNNPACK, so netc's
// code would run on one core; here worker threads instantiate the same modules over the same shared memory
// and each runs its share of a call (a range of images) while the calling thread runs the first share.
// Handing over costs a shared-memory write and a futex wake (tens of µs): calls are split only where the
// work is large. Workers wait in Atomics.wait; they are unref'd, so they never keep a finished process alive.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Control words of one worker: state, function index, argument count, then the arguments. */
const [STATE, FUNCTION, ARG_COUNT, ARGS] = [0, 1, 2, 3];
const [IDLE, RUN, FAILED] = [0, 1, 2];
const maxArgs = 16;

// The worker's whole program: wait for RUN, take any new modules from its port, call, report, wait again.
const workerSource = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { control, port, memory } = workerData;
const functions = [];
for (;;) {
  for (let s; (s = Atomics.load(control, ${STATE})) !== ${RUN}; ) Atomics.wait(control, ${STATE}, s);
  for (let m; (m = receiveMessageOnPort(port)); ) functions[m.message.index] = new WebAssembly.Instance(m.message.module, { env: { memory } }).exports.f;
  const args = Array.from(control.subarray(${ARGS}, ${ARGS} + control[${ARG_COUNT}]));
  let state = ${IDLE};
  try { functions[control[${FUNCTION}]](...args); } catch { state = ${FAILED}; }
  Atomics.store(control, ${STATE}, state);
  Atomics.notify(control, ${STATE});
}
`;

interface PoolWorker {
  control: Int32Array;
  port: MessagePort;
  /** Function indices this worker has instantiated. */
  known: Set<number>;
}

export class WasmThreadPool {
  private readonly workers: PoolWorker[] = [];
  private readonly modules: WebAssembly.Module[] = [];
  private readonly indexOf = new Map<WebAssembly.Module, number>();

  /** `extraThreads` workers over `memory` (a shared WebAssembly.Memory). */
  constructor(memory: WebAssembly.Memory, extraThreads: number) {
    for (let i = 0; i < extraThreads; i++) {
      const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + maxArgs)));
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerSource, { eval: true, workerData: { control, port: port2, memory }, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.workers.push({ control, port: port1, known: new Set() });
    }
  }

  /** Threads a call can be split over, the calling thread included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Calls `f` (compiled from `module`) once per argument list: the first on this thread, the others on
   * workers, all at once; returns when every share is done.
   */
  run(module: WebAssembly.Module, f: (...args: number[]) => void, shares: number[][]): void {
    if (shares.length > this.threads) throw new Error(`netc's wasm thread pool has ${this.threads} threads, not ${shares.length}`);
    let index = this.indexOf.get(module);
    if (index === undefined) {
      index = this.modules.push(module) - 1;
      this.indexOf.set(module, index);
    }
    const busy = this.workers.slice(0, shares.length - 1);
    busy.forEach((w, i) => this.start(w, index, shares[i + 1]));
    let failed = false;
    try {
      f(...shares[0]);
    } finally {
      for (const w of busy) {
        while (Atomics.load(w.control, STATE) === RUN) Atomics.wait(w.control, STATE, RUN);
        if (Atomics.load(w.control, STATE) === FAILED) failed = true;
        Atomics.store(w.control, STATE, IDLE);
      }
    }
    if (failed) throw new Error("a worker thread of netc's wasm SIMD code failed (out-of-bounds memory access)");
  }

  private start(w: PoolWorker, index: number, args: number[]): void {
    if (args.length > maxArgs) throw new Error(`netc's wasm thread pool passes at most ${maxArgs} arguments`);
    if (!w.known.has(index)) {
      w.port.postMessage({ index, module: this.modules[index] });
      w.known.add(index);
    }
    w.control[FUNCTION] = index;
    w.control[ARG_COUNT] = args.length;
    w.control.set(args, ARGS);
    Atomics.store(w.control, STATE, RUN);
    Atomics.notify(w.control, STATE);
  }
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
