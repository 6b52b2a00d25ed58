// npm run bench:train — median images/s of a training step and of inference, per network and backend:
// netc, the same network in tfjs-layers on the same backend (same process), and PyTorch where installed.
// --repeat=N measures every row N times (whole runs, PyTorch's too) and reports the medians; --out=FILE.json
// writes the table as data (docs/runtime.md: "bench:train's JSON").
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as tf from '../runtime/tfjs.js';
import { compile } from '../compiler/compile.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../runtime/train/optimizer.js';
import { trainStep } from '../runtime/train/train_step.js';
import { evalContext } from '../runtime/forward_context.js';
import { startWasm, wasmDescription } from '../runtime/backends/wasm/node.js';
import { startBackend } from '../runtime/backends/start_backend.js';
import { layersModel } from './layers_models.js';

interface Spec {
  name: string;
  file: string;
  batch: number;
  size: number;
}

const specs: Spec[] = [
  { name: 'lenet', file: 'networks/lenet.net', batch: 256, size: 28 },
  { name: 'lenet_bn', file: 'networks/lenet_bn.net', batch: 256, size: 28 },
  { name: 'resnet18', file: 'networks/resnet18.net', batch: 128, size: 28 },
  { name: 'resnext', file: 'networks/resnext.net', batch: 32, size: 28 },
  // D2L's DenseNet needs at least 56×56 (its stem and three transitions halve 28 down to 0): run at its own 96.
  { name: 'densenet', file: 'networks/densenet.net', batch: 32, size: 96 },
];

const args = process.argv.slice(2);
const only = (flag: string) => args.find((a) => a.startsWith(`--${flag}=`))?.split('=')[1]?.split(',');
const backendsWanted = only('backends') ?? ['webgpu', 'wasm', 'cpu'];
const networksWanted = only('networks') ?? specs.map((s) => s.name);
/** Seconds of timed steps per measurement (after warm-up); a single step slower than `maxStep` is skipped. */
const budget = Number(only('budget')?.[0] ?? 6);
const maxStep = Number(only('max-step')?.[0] ?? 15);
const repeat = Math.max(1, Number(only('repeat')?.[0] ?? 1));
const outFile = only('out')?.join(',');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Images/s of `step` (which must finish its work, i.e. read back): median over timed runs after warm-up. */
async function imagesPerSec(batch: number, step: () => Promise<void>): Promise<number | string> {
  const first = performance.now();
  await step();
  const firstSeconds = (performance.now() - first) / 1000;
  if (firstSeconds > maxStep) return `skipped: one step took ${firstSeconds.toFixed(0)} s`;
  await step();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < budget * 1000 && times.length < 30)) {
    const t = performance.now();
    await step();
    times.push((performance.now() - t) / 1000);
  }
  return batch / median(times);
}

async function netc(spec: Spec, adapter: string) {
  const ir = compile(readFileSync(spec.file, 'utf8'), { file: spec.file, args: spec.name === 'resnet18' ? { size: spec.size } : {} }).ir!;
  if (ir.input[1] !== spec.size) throw new Error(`${spec.file}: input is ${ir.input.join('×')}, the bench row says ${spec.size}`);
  const model = Model.create(ir, new Rng(0));
  await model.prepare(adapter, spec.batch);
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
  const x = tf.randomUniform([spec.batch, spec.size, spec.size, 1], 0, 1, 'float32', 1);
  const labels = tf.tensor1d(Array.from({ length: spec.batch }, (_, i) => i % 10), 'int32');
  const rng = new Rng(1);
  const train = await imagesPerSec(spec.batch, async () => {
    const { loss, correct } = trainStep(model, optimizer, () => x, labels, 0.01, rng);
    await loss.data();
    tf.dispose([loss, correct]);
  });
  const infer = await imagesPerSec(spec.batch, async () => {
    const y = tf.tidy(() => model.forward(x, evalContext()));
    await y.data();
    y.dispose();
  });
  tf.dispose([x, labels]);
  optimizer.dispose();
  model.dispose();
  return { train, infer };
}

async function layers(spec: Spec) {
  const model = layersModel(spec.name, spec.size);
  const x = tf.randomUniform([spec.batch, spec.size, spec.size, 1], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: spec.batch }, (_, i) => i % 10), 'int32'), 10);
  const train = await imagesPerSec(spec.batch, async () => {
    await model.trainOnBatch(x, y);
  });
  const infer = await imagesPerSec(spec.batch, async () => {
    const out = model.predict(x) as tf.Tensor;
    await out.data();
    out.dispose();
  });
  tf.dispose([x, y]);
  model.dispose();
  return { train, infer };
}

type Measured = { train: number | string; infer: number | string };
type TorchResults = Record<string, { train: number; infer: number }>;

/** PyTorch's images/s per `name:batch:size`: the median of `repeat` whole runs of bench/pytorch_bench.py. */
function pytorch(): { header: string; results: TorchResults } | undefined {
  if (only('torch')?.[0] === 'no') return undefined;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const runs: TorchResults[] = [];
  let header = '';
  for (let r = 0; r < repeat; r++) {
    const run = spawnSync('/usr/bin/python3', ['bench/pytorch_bench.py', '2', ...specs.filter((s) => networksWanted.includes(s.name)).map((s) => `${s.name}:${s.batch}:${s.size}`)], { encoding: 'utf8' });
    if (run.status !== 0) return undefined;
    const parsed = JSON.parse(run.stdout.trim().split('\n').pop()!);
    header = `PyTorch ${parsed.torch}, ${parsed.threads} threads, ${parsed.blas}`;
    runs.push(parsed.results);
  }
  const results: TorchResults = {};
  for (const key of Object.keys(runs[0])) results[key] = { train: median(runs.map((r) => r[key].train)), infer: median(runs.map((r) => r[key].infer)) };
  return { header, results };
}

/** The median of each field over repeated measurements; a field any run skipped keeps that run's reason. */
function medianOf(runs: Measured[]): Measured {
  const pick = (field: 'train' | 'infer') => {
    const numbers = runs.map((r) => r[field]).filter((v): v is number => typeof v === 'number');
    return numbers.length === runs.length ? median(numbers) : runs.find((r) => typeof r[field] === 'string')![field];
  };
  return { train: pick('train'), infer: pick('infer') };
}

async function repeated(measure: () => Promise<Measured>): Promise<Measured> {
  const runs: Measured[] = [];
  for (let r = 0; r < repeat; r++) runs.push(await measure());
  return medianOf(runs);
}

/** tfjs-layers has no grouped convolution (ResNeXt), and DenseNet's concatenations are not written there. */
const hasLayersModel = (name: string) => name === 'lenet' || name === 'lenet_bn' || name === 'resnet18';
const asNumber = (v: number | string | undefined) => (typeof v === 'number' ? Math.round(v * 10) / 10 : null);

const fmt = (v: number | string | undefined) => (typeof v === 'number' ? v.toFixed(0) : (v ?? '–')).padStart(8);
const ratio = (a: number | string | undefined, b: number | string | undefined) => (typeof a === 'number' && typeof b === 'number' ? `${(a / b).toFixed(2)}×` : '–');

/** bench:train's JSON (docs/runtime.md): the machine, the baseline, and one row per network and backend. */
function writeTable(file: string, torchHeader: string | undefined, rows: Record<string, unknown>[]): void {
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number) };
  writeFileSync(file, `${JSON.stringify({ machine, torch: torchHeader ?? null, repeat, rows }, null, 2)}\n`);
}

async function main() {
  tf.env().set('PROD', true);
  console.log(`npm run bench:train — images/s, median of timed steps after warm-up${repeat > 1 ? `, median of ${repeat} runs per row` : ''} (higher is better); load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  const torch = pytorch();
  console.log(torch ? `baseline: ${torch.header} (same networks, same batch)` : only('torch')?.[0] === 'no' ? 'PyTorch: skipped (--torch=no)' : 'PyTorch: not installed (Debian package python3-torch), skipped');
  const backends: { name: string; adapter: string }[] = [];
  if (backendsWanted.includes('webgpu')) {
    try {
      const info = await startBackend('webgpu');
      backends.push({ name: 'webgpu', adapter: info.adapter });
    } catch (error) {
      console.log(`webgpu: skipped (${(error as Error).message})`);
    }
  }
  if (backendsWanted.includes('wasm')) {
    const problem = await startWasm();
    if (problem) console.log(`wasm: skipped (${problem})`);
    else backends.push({ name: 'wasm', adapter: await wasmDescription() });
  }
  if (backendsWanted.includes('cpu')) backends.push({ name: 'cpu', adapter: 'tfjs-backend-cpu' });
  const rows: Record<string, unknown>[] = [];
  for (const backend of backends) {
    await tf.setBackend(backend.name);
    console.log(`\n${backend.name} (${backend.adapter})`);
    console.log('network      batch |  netc train  layers  netc÷layers  torch  netc÷torch |  netc infer  layers  netc÷layers  torch  netc÷torch');
    for (const spec of specs.filter((s) => networksWanted.includes(s.name))) {
      if (backend.name === 'cpu' && spec.name !== 'lenet' && spec.name !== 'lenet_bn' && !only('networks')) {
        console.log(`${`${spec.name}@${spec.size}`.padEnd(12)} skipped: one step on the JavaScript cpu backend takes minutes (--backends=cpu --networks=resnet18 runs it)`);
        continue;
      }
      const ours = await repeated(() => netc(spec, backend.adapter).catch((error: Error) => ({ train: `failed: ${error.message}`, infer: '–' })));
      const theirs = hasLayersModel(spec.name) ? await repeated(() => layers(spec)) : { train: '–', infer: '–' };
      const pt = torch?.results[`${spec.name}:${spec.batch}:${spec.size}`];
      rows.push({ network: spec.name, size: spec.size, batch: spec.batch, backend: backend.name, netcTrain: asNumber(ours.train), layersTrain: asNumber(theirs.train), torchTrain: asNumber(pt?.train), netcInfer: asNumber(ours.infer), layersInfer: asNumber(theirs.infer), torchInfer: asNumber(pt?.infer) });
      if (outFile) writeTable(outFile, torch?.header, rows); // after every row: a long run killed midway keeps what it measured
      console.log(
        `${`${spec.name}@${spec.size}`.padEnd(12)} ${String(spec.batch).padStart(5)} | ${fmt(ours.train)} ${fmt(theirs.train)} ${ratio(ours.train, theirs.train).padStart(11)} ${fmt(pt?.train)} ${ratio(ours.train, pt?.train).padStart(10)} | ${fmt(ours.infer)} ${fmt(theirs.infer)} ${ratio(ours.infer, theirs.infer).padStart(11)} ${fmt(pt?.infer)} ${ratio(ours.infer, pt?.infer).padStart(10)}`,
      );
    }
  }
  if (outFile) console.log(`\nwrote ${outFile}`);
  process.exit(0);
}

void main();
