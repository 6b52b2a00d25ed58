// Test helpers for PyTorch export: a case folder (exported files, a seeded NCHW input and netc's cpu eval
// output beside them) and the one Python script that checks many such folders in one torch import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pythonRequired, pythonStatus, runPython } from './python.js';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model, type TorchWeights } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext, trainingContext, type BatchStats } from '../../runtime/forward_context.js';
import { exportPytorch } from '../../runtime/io/pytorch/pytorch_export.js';
import { writeSafetensorsFile } from '../../runtime/io/safetensors_file.js';
import { className } from '../../runtime/io/pytorch/model_py.js';

/**
 * Seeded weights in PyTorch's layout, drawn directly (no Model, so 46M-parameter AlexNet takes no tensors):
 * weights and biases U(±1/√fan_in) as PyTorch's defaults, and every other vector parameter and buffer off
 * its trivial start (BatchNorm γ ≠ 1, β ≠ 0, running statistics ≠ 0/1; positive where the name says
 * variance), so a dropped or swapped statistic shows in the output.
 */
export function seededWeights(ir: Ir, seed: number): TorchWeights {
  const rng = new Rng(seed);
  const weights: TorchWeights = new Map();
  for (const node of ir.nodes) {
    for (const p of node.params) {
      const data = new Float32Array(p.shape.reduce((a, b) => a * b, 1));
      const bound = 1 / Math.sqrt(p.fanIn ?? 1);
      const positive = p.name.endsWith('var');
      for (let i = 0; i < data.length; i++) {
        data[i] = p.fanIn !== undefined ? rng.uniform(-bound, bound) : positive ? rng.uniform(0.5, 2) : p.init === 'ones' ? rng.uniform(0.5, 1.5) : rng.uniform(-0.5, 0.5);
      }
      weights.set(p.name, { shape: p.shape, data });
    }
  }
  return weights;
}

/** NCHW [batch, ...input] → netc's NHWC (images) or the same (flat). */
export function toNhwc(x: Float32Array, batch: number, input: number[]): tf.Tensor {
  if (input.length === 1) return tf.tensor(x, [batch, input[0]]);
  return tf.tidy(() => tf.transpose(tf.tensor(x, [batch, ...input]), [0, 2, 3, 1]));
}

/**
 * netc's output on the current backend for an NCHW input, as NCHW / [N, F]; in training mode also the
 * weights after the step's BatchNorm running-statistic update.
 */
export async function netcRun(ir: Ir, weights: TorchWeights, x: Float32Array, batch: number, training = false): Promise<{ output: { shape: number[]; data: Float32Array }; after?: TorchWeights }> {
  const model = Model.create(ir, new Rng(0));
  model.importWeights(weights);
  const input = toNhwc(x, batch, ir.input);
  const stats: BatchStats[] = [];
  const out = tf.tidy(() => {
    const y = model.forward(input, training ? trainingContext(new Rng(5), tf.keep, stats) : evalContext());
    return y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y;
  });
  if (training) model.applyBatchStats(stats);
  const output = { shape: out.shape, data: (await out.data()) as Float32Array };
  const after = training ? await model.exportWeights() : undefined;
  tf.dispose([input, out]);
  model.dispose();
  return { output, after };
}

export interface ExportCase {
  dir: string;
  className: string;
  /** The model file Python imports (a test may write a variant beside model.py). */
  module: string;
  /** Compare in training mode: the output and the running statistics after one step. */
  training: boolean;
  /** The IR's parameter names. */
  names: string[];
}

/** Exports `ir` with seeded weights into `dir` and writes check.safetensors (input, netc's output, `after.*`). */
export async function exportCase(ir: Ir, dir: string, { seed = 1, batch = 2, training = false } = {}): Promise<ExportCase> {
  const weights = seededWeights(ir, seed);
  exportPytorch(ir, weights, dir, { netcVersion: 'test' });
  const rng = new Rng(seed + 7);
  const size = batch * ir.input.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: size }, () => rng.uniform(-1, 1));
  const { output, after } = await netcRun(ir, weights, x, batch, training);
  const check: TorchWeights = new Map([['input', { shape: [batch, ...ir.input], data: x }], ['output', output]]);
  for (const node of ir.nodes) for (const p of node.params) if (after && !p.trainable) check.set(`after.${p.name}`, after.get(p.name)!);
  writeSafetensorsFile(join(dir, 'check.safetensors'), check);
  return { dir, className: className(ir), module: 'model.py', training, names: ir.nodes.flatMap((n) => n.params.map((p) => p.name)) };
}

/**
 * Python: for each case folder, import its model file, build the class with no arguments, load
 * model.safetensors with strict=True, run it (eval, or one training-mode forward) on check.safetensors'
 * input, and report the key set and the scaled max-abs error against netc's output (and, in training mode,
 * against netc's running statistics after the step, `after.*`).
 */
export const CHECK_EXPORTS_PY = `
import importlib.util, json, sys, torch
torch.set_num_threads(2)
cases = json.load(sys.stdin)
results = []
for i, case in enumerate(cases):
    spec = importlib.util.spec_from_file_location(f"netc_model_{i}", case["dir"] + "/" + case["module"])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    net = getattr(mod, case["className"])()
    mod.load_weights(net, case["dir"] + "/model.safetensors")
    net.train(case["training"])
    check = mod.load_safetensors(case["dir"] + "/check.safetensors")
    with torch.no_grad():
        got = net(check["input"])
    scaled = lambda a, b: (a - b).abs().max().item() / max(b.abs().max().item(), 1e-30)
    want = check["output"]
    err = scaled(got, want) if got.shape == want.shape else None
    state = net.state_dict()
    for name, value in check.items():
        if name.startswith("after.") and err is not None:
            err = max(err, scaled(state[name[len("after."):]], value))
    results.append({"keys": sorted(net.state_dict().keys()), "shape": list(got.shape), "want": list(want.shape), "error": err})
print(json.dumps(results))
`;

export const TOLERANCE = 1e-5;

export interface Checked {
  keys: string[];
  shape: number[];
  want: number[];
  error: number | null;
}

/** Python's verdict on each case (one process for the group), or the reason there is none. */
export async function checkInPython(t: { log: (s: string) => void; fail: (s: string) => void }, build: (root: string) => Promise<{ label: string; c: ExportCase }[]>) {
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) t.fail(status.reason);
    else t.log(`skipped: ${status.reason}`);
    return undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'netc-pytorch-'));
  try {
    const cases = await build(root);
    const results = runPython<Checked[]>(CHECK_EXPORTS_PY, cases.map(({ c }) => ({ dir: c.dir, className: c.className, module: c.module, training: c.training })));
    return cases.map(({ label, c }, i) => ({ label, c, r: results[i] }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Problems: a key set other than netc's names plus one num_batches_tracked per BatchNorm, or outputs apart. */
export function problems(ir: Ir, c: ExportCase, r: Checked, label: string): string[] {
  const out: string[] = [];
  const expected = [...c.names, ...ir.nodes.filter((n) => n.op === 'batchnorm').map((n) => `${n.name}.num_batches_tracked`)].sort();
  const extra = r.keys.filter((k) => !expected.includes(k));
  const missing = expected.filter((k) => !r.keys.includes(k));
  if (extra.length || missing.length) out.push(`${label}: state_dict keys differ: extra ${extra.slice(0, 4).join(', ')}; missing ${missing.slice(0, 4).join(', ')}`);
  if (r.error === null) out.push(`${label}: output shape ${r.shape} vs netc ${r.want}`);
  else if (!(r.error <= TOLERANCE)) out.push(`${label}: scaled max-abs error ${r.error.toExponential(2)} > ${TOLERANCE}`);
  return out;
}

