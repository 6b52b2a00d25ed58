// node dist/bench/step_profile.js FILE [--batch=N] [--size=N] [--backend=wasm] [--steps=N] — where one training step
// of a network spends its time: tf.profile over trainStep, kernels grouped by name and input shapes, slowest first.
// Kernels that run other kernels (netc's wrappers, tfjs's fused ops) are counted with what they run, so the
// column sums exceed the step; the step's own wall time is printed first.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as tf from '../runtime/tfjs.js';
import { compile } from '../compiler/compile.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../runtime/train/optimizer.js';
import { trainStep } from '../runtime/train/train_step.js';
import { startWasm, wasmDescription } from '../runtime/backends/wasm/node.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const file = args.find((a) => !a.startsWith('--'));
const batch = Number(flag('batch') ?? 128);
const sizeFlag = flag('size');
const steps = Number(flag('steps') ?? 3);
const backendName = flag('backend') ?? 'wasm';

interface Row { name: string; shapes: string; calls: number; ms: number }

/** Per (kernel, input shapes): calls and milliseconds summed over the profiled steps, divided by their count. */
function grouped(kernels: { name: string; inputShapes: number[][]; kernelTimeMs: unknown }[], runs: number): Row[] {
  const rows = new Map<string, Row>();
  for (const k of kernels) {
    const shapes = JSON.stringify(k.inputShapes);
    const key = `${k.name} ${shapes}`;
    const row = rows.get(key) ?? { name: k.name, shapes, calls: 0, ms: 0 };
    row.calls += 1 / runs;
    row.ms += (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0) / runs;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.ms - a.ms);
}

function byKernel(rows: Row[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.name, (totals.get(r.name) ?? 0) + r.ms);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

async function main() {
  if (!file) {
    console.error('usage: node dist/bench/step_profile.js FILE.net [--batch=N] [--size=N] [--backend=wasm|cpu] [--steps=N]');
    process.exit(2);
  }
  tf.env().set('PROD', true);
  let adapter = 'tfjs-backend-cpu';
  if (backendName === 'wasm') {
    const problem = await startWasm();
    if (problem) {
      console.error(`wasm: ${problem}`);
      process.exit(1);
    }
    adapter = await wasmDescription();
  } else await tf.setBackend(backendName);
  const compiled = compile(readFileSync(file, 'utf8'), { file, args: sizeFlag ? { size: Number(sizeFlag) } : {} });
  if (!compiled.ir) {
    console.error(`${file}: does not compile (netc check ${file})`);
    process.exit(1);
  }
  const model = Model.create(compiled.ir, new Rng(0));
  await model.prepare(adapter, batch);
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
  const [channels, size, width] = compiled.ir.input;
  const x = tf.randomUniform([batch, size, width, channels], 0, 1, 'float32', 1);
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
  const rng = new Rng(1);
  const step = async () => {
    const { loss, correct } = trainStep(model, optimizer, () => x, labels, 0.01, rng);
    await loss.data();
    tf.dispose([loss, correct]);
  };
  for (let i = 0; i < 2; i++) await step(); // warm-up: trials, compiled modules, XNNPACK's caches
  const walls: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    await step();
    walls.push(performance.now() - t);
  }
  const profile = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await step();
  });
  const rows = grouped(profile.kernels, steps);
  const wall = [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)];
  console.log(`${basename(file)} @${size}, batch ${batch}, ${backendName} (${adapter}); load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log(`one training step: ${wall.toFixed(0)} ms (median of ${steps}, unprofiled) = ${((batch / wall) * 1000).toFixed(0)} img/s`);
  console.log('\nper kernel (ms per step; nested kernels counted in their callers too):');
  for (const [name, ms] of byKernel(rows)) if (ms >= 0.5) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
  console.log('\nper kernel and input shapes (ms per step, calls per step):');
  for (const r of rows) if (r.ms >= 1) console.log(`${r.ms.toFixed(1).padStart(8)} ${r.calls.toFixed(0).padStart(3)}×  ${r.name} ${r.shapes}`);
  tf.dispose([x, labels]);
  optimizer.dispose();
  model.dispose();
}

void main();
