// netc's thread pool for its own wasm code (runtime/backends/wasm/threads/pool.ts): every chunk of a call runs
// exactly once, on the calling thread or a worker, over shared memory; a trap in a worker becomes an error
// and the pool keeps working; ranges split evenly.
import test from 'ava';
import { end, get, i32, i32Add, locals, moduleBytes, whileBelow, addTo } from '../../runtime/backends/wasm/codegen/assembler.js';
import { splitRange, WasmThreadPool } from '../../runtime/backends/wasm/threads/pool.js';

/** f(at, end, value): for p = at; p < end; p += 4: i32[p] += value (a read-modify-write, so a chunk run twice shows). */
const addBytes = moduleBytes(true, 16, 3, [
  ...locals(0),
  ...whileBelow(0, 1, [...get(0), ...get(0), 0x28, 0x02, 0x00, ...get(2), ...i32Add, 0x36, 0x02, 0x00, ...addTo(0, 4)]),
  ...end,
]);

test('splitRange cuts [0, n) into contiguous, near-equal ranges and drops empty ones', (t) => {
  t.deepEqual(splitRange(10, 4), [[0, 2], [2, 5], [5, 7], [7, 10]]);
  t.deepEqual(splitRange(3, 8), [[0, 1], [1, 2], [2, 3]]);
  t.deepEqual(splitRange(0, 2), []);
});

test('every chunk of a call runs exactly once, shared between threads, and a trap in any chunk is an error', (t) => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
  const module = new WebAssembly.Module(addBytes);
  const f = new WebAssembly.Instance(module, { env: { memory } }).exports.f as (...args: number[]) => void;
  const pool = new WasmThreadPool(memory, 1);
  t.is(pool.threads, 2);
  const words = 16_000;
  const chunks = splitRange(words, 32).map(([from, to], i) => [4 * from, 4 * to, i + 1]);
  for (let round = 0; round < 3; round++) pool.run(module, f, chunks);
  const heap = new Int32Array(memory.buffer);
  const wrong = chunks.flatMap(([from, to, value]) => Array.from(heap.subarray(from / 4, to / 4)).filter((v) => v !== 3 * value));
  t.deepEqual(wrong, [], 'each word holds 3 × its chunk number');
  // Past the memory's end (1 page = 64 KiB): the chunk traps on whichever thread claims it.
  const outOfBounds = [...chunks.slice(0, 8), [65_536, 65_540, 1]];
  t.throws(() => pool.run(module, f, outOfBounds), { message: /failed|out of bounds/ });
  pool.run(module, f, [[0, 4, 1], [4, 8, 1]]);
  t.is(new Int32Array(memory.buffer)[0], 3 * 1 + 1 + 1, 'the pool still runs after a failure (the trapped call\'s first chunks ran)');
});
