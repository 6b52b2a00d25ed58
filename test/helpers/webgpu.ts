// Test helpers for WebGPU-vs-cpu tests: start the validated 'webgpu' backend beside cpu (or say in one line
// why it cannot), run a function on a named backend, run a network forward and backward, and compare results
// within a float32 tolerance.
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import type { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { type BatchStats, evalContext, trainingContext } from '../../runtime/forward_context.js';
import { startBackend } from '../../runtime/backends/start_backend.js';

export type WebGpuStatus =
  | { ready: true; adapter: string; device: GPUDevice }
  | { ready: false; reason: string };

let starting: Promise<WebGpuStatus> | undefined;

/** Starts WebGPU once per process through netc's own path (Vulkan adapter, known-answer tests); leaves cpu current. */
export function startWebGpuForTests(): Promise<WebGpuStatus> {
  return (starting ??= start());
}

async function start(): Promise<WebGpuStatus> {
  let status: WebGpuStatus;
  try {
    const info = await startBackend('webgpu');
    const backend = tf.findBackend('webgpu') as tf.WebGPUBackend | undefined;
    status =
      info.backend === 'webgpu' && backend
        ? { ready: true, adapter: info.adapter, device: backend.device }
        : { ready: false, reason: `this process had already started the ${info.backend} backend` };
  } catch (error) {
    status = { ready: false, reason: oneLine((error as Error).message) };
  }
  await tf.setBackend('cpu');
  return status;
}

const oneLine = (text: string): string => text.split('\n')[0].trim() || 'unknown error';

/** True where the WebGPU tests must run rather than skip: CI, which installs the Vulkan driver. */
export const webGpuRequired = (): boolean => Boolean(process.env.CI) && process.env.NETC_SKIP_VULKAN !== '1';

/** Runs `fn` with `backend` current, then switches back to cpu. tf.setBackend says false, not throws, on failure. */
export async function onBackend<T>(backend: 'cpu' | 'webgpu' | 'wasm', fn: () => Promise<T>): Promise<T> {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`could not switch to the ${backend} backend`);
  try {
    return await fn();
  } finally {
    await tf.setBackend('cpu');
  }
}

export interface Mismatch {
  /** max |got − want| / max(1, max |want|). */
  error: number;
  /** Index of the worst element. */
  at: number;
}

/** The scaled worst difference: float32 sums of thousands of terms agree to ~1e-6 relative to their scale. */
export function mismatch(want: Float32Array, got: Float32Array): Mismatch {
  if (want.length !== got.length) return { error: Infinity, at: -1 };
  let scale = 1;
  for (const v of want) scale = Math.max(scale, Math.abs(v));
  let worst = { error: 0, at: -1 };
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got[i] - want[i]) / scale;
    // NaN anywhere is a mismatch, not a pass.
    if (!(error <= worst.error)) worst = { error: Number.isNaN(error) ? Infinity : error, at: i };
  }
  return worst;
}

/** Compares every named result; returns the failures (empty when all agree) and the worst one, for the log. */
export function compareResults(want: Map<string, Float32Array>, got: Map<string, Float32Array>, tolerance = 1e-3) {
  const failures: string[] = [];
  let worst = { name: '', error: 0 };
  for (const [name, w] of want) {
    const g = got.get(name);
    if (!g) {
      failures.push(`${name}: missing on webgpu`);
      continue;
    }
    if (g.length !== w.length) {
      failures.push(`${name}: ${w.length} values on cpu, ${g.length} on webgpu`);
      continue;
    }
    const m = mismatch(w, g);
    if (m.error >= worst.error) worst = { name, error: m.error };
    if (!(m.error <= tolerance)) failures.push(`${name}: scaled error ${m.error.toExponential(2)} at [${m.at}] (cpu ${w[m.at]}, webgpu ${g[m.at]})`);
  }
  for (const name of got.keys()) if (!want.has(name)) failures.push(`${name}: missing on cpu`);
  return { failures, worst };
}

export type Results = Map<string, Float32Array>;

export const seededUniform = (rng: Rng, n: number, low = -1, high = 1) => Float32Array.from({ length: n }, () => rng.uniform(low, high));
const nhwc = (shape: number[]): number[] => (shape.length === 3 ? [shape[1], shape[2], shape[0]] : shape);

/**
 * On `backend`: the output of a batch, the gradients of Σ output·R (R fixed) w.r.t. the input and every
 * trainable parameter, and in training the recorded batch statistics. `makeModel` builds the model (on
 * `backend`) and may draw from `rng`, which then draws the input; every value comes from JS seeds.
 */
export async function forwardAndGrads(backend: 'cpu' | 'webgpu' | 'wasm', ir: Ir, training: boolean, batch: number, makeModel: (rng: Rng) => Model): Promise<{ results: Results; leaked: number }> {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const rng = new Rng(11);
    const model = makeModel(rng);
    const initial = tf.tensor(seededUniform(rng, batch * ir.input.reduce((a, b) => a * b, 1)), [batch, ...nhwc(ir.input)]);
    const x = tf.variable(initial, true);
    initial.dispose();
    const stats: BatchStats[] = [];
    const ctx = training ? trainingContext(new Rng(13), tf.keep, stats) : evalContext();
    let output: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const y = model.forward(x, ctx);
      output = tf.keep(y);
      return tf.sum(tf.mul(y, tf.tensor(seededUniform(new Rng(17), y.size), y.shape)));
    }, [x, ...model.trainableVariables]);
    const named: [string, tf.Tensor][] = [
      ['output', output!],
      ['weighted sum', value],
      ['grad input', grads[x.name]],
      ...model.params.filter((p) => p.param.trainable).map((p): [string, tf.Tensor] => [`grad ${p.param.name}`, grads[p.variable.name]]),
      ...stats.flatMap((s): [string, tf.Tensor][] => [[`${s.node.name} batch mean`, s.mean], [`${s.node.name} batch variance`, s.variance]]),
    ];
    const results: Results = new Map();
    for (const [name, tensor] of named) results.set(name, (await tensor.data()) as Float32Array);
    tf.dispose([x, output!, value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
    model.dispose();
    return { results, leaked: tf.memory().numTensors - before };
  });
}
