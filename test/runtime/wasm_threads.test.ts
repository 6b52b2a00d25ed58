// The wasm backend runs tfjs-backend-wasm's threaded build in Node: one XNNPACK thread per core (at most 8,
// NETC_THREADS overrides), a process using it still exits by itself, and one thread is the fallback.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Runs a script (ES module) in a fresh Node; the threaded build can only be started once per process. */
function runNode(script: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

const startAndConvolve = `
  import * as tf from '${new URL('../../runtime/tfjs.js', import.meta.url).href}';
  import { startWasm, wasmDescription } from '${new URL('../../runtime/backends/wasm/node.js', import.meta.url).href}';
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
  const y = tf.conv2d(tf.ones([8, 12, 12, 3]), tf.ones([3, 3, 3, 4]), 1, 'valid');
  console.log(JSON.stringify({ backend: tf.getBackend(), threads: tf.getThreadsCount(), description: await wasmDescription(), sum: (await tf.sum(y).data())[0] }));
`;

test('wasm starts with one thread per core, computes correctly, and the process exits without help', (t) => {
  const run = runNode(startAndConvolve, { NETC_THREADS: '' });
  t.is(run.status, 0, run.stderr.slice(0, 500));
  t.is(run.signal, null, 'exited by itself (pool workers do not hold the process open)');
  const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
  const expected = Math.min(availableParallelism(), 8);
  t.is(out.backend, 'wasm');
  t.is(out.threads, expected);
  t.regex(out.description, new RegExp(`XNNPACK, ${expected} thread${expected === 1 ? '' : 's'}`));
  t.is(out.sum, 8 * 10 * 10 * 4 * 27);
});

test('NETC_THREADS sets the thread count; 1 runs the single-threaded build', (t) => {
  for (const threads of [1, 2]) {
    const run = runNode(startAndConvolve, { NETC_THREADS: String(threads) });
    t.is(run.status, 0, run.stderr.slice(0, 500));
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    t.is(out.threads, threads);
    t.is(out.sum, 8 * 10 * 10 * 4 * 27);
  }
});
