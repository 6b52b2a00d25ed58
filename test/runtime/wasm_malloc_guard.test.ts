// The wasm backend past 2 GiB and at 4 GiB (runtime/backends/wasm/malloc_guard.ts): offsets past 2 GiB come
// back unsigned, so netc's kernels that index the heap from JavaScript compute the same as below 2 GiB, and
// a full memory throws WasmOutOfMemory (a user error naming --batch) instead of writing over the heap's start.
// Reserving memory with malloc alone touches no pages, so the test costs little real memory.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { WasmOutOfMemory } from '../../runtime/backends/wasm/malloc_guard.js';
import type { WasmBackendInternals } from '../../runtime/backends/wasm/memory.js';
import { UserError } from '../../runtime/errors.js';
import { seededValues, startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

const chunk = 256 * 2 ** 20;

/** Stride-2 conv input gradient (netc's im2col product, indexed from JavaScript) on the current backend. */
async function inputGradient(): Promise<Float32Array> {
  const filter = tf.tensor4d(seededValues([3, 3, 8, 16], 1), [3, 3, 8, 16]);
  const dy = tf.tensor4d(seededValues([2, 4, 4, 16], 2), [2, 4, 4, 16]);
  const dx = tf.conv2dTranspose(dy, filter, [2, 8, 8, 8], 2, 'same');
  const values = (await dx.data()) as Float32Array;
  tf.dispose([filter, dy, dx]);
  return values;
}

test.serial('offsets past 2 GiB are unsigned, and a kernel on tensors there computes what it does below', async (t) => {
  await tf.setBackend('cpu');
  const expected = await inputGradient();
  await tf.setBackend('wasm');
  const wasm = (tf.backend() as unknown as WasmBackendInternals).wasm;
  const reserved: number[] = [];
  while (reserved.length === 0 || reserved[reserved.length - 1] < 2 ** 31) reserved.push(wasm._malloc(chunk));
  t.true(reserved.every((at) => at > 0));
  const actual = await inputGradient();
  for (const at of reserved) wasm._free(at);
  t.is(actual.length, expected.length);
  t.true(actual.every((v, i) => Math.abs(v - expected[i]) < 1e-4), 'wasm past 2 GiB differs from cpu');
});

test.serial('a full wasm memory throws WasmOutOfMemory naming --batch, and the tensor is not written', async (t) => {
  await tf.setBackend('wasm');
  const wasm = (tf.backend() as unknown as WasmBackendInternals).wasm;
  const before = tf.memory().numTensors;
  const reserved: number[] = [];
  let thrown: unknown;
  try {
    for (let i = 0; i < 32; i++) reserved.push(wasm._malloc(chunk));
  } catch (error) {
    thrown = error;
  }
  t.true(thrown instanceof WasmOutOfMemory && thrown instanceof UserError, `malloc at 4 GiB: ${String(thrown)}`);
  t.regex((thrown as Error).message, /out of memory on the wasm backend.*--batch/);
  t.false(reserved.includes(0));
  // A tensor's allocation goes through the same malloc: it throws too, and leaves no tensor behind.
  const error = t.throws(() => tf.zeros([64 * 2 ** 20]));
  t.true(error instanceof WasmOutOfMemory);
  for (const at of reserved) wasm._free(at);
  t.is(tf.memory().numTensors, before);
  const after = tf.zeros([1024]);
  t.is((await after.data())[0], 0);
  after.dispose();
});
