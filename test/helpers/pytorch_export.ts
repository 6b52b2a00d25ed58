// Test helpers for PyTorch export: a case folder (exported files, a seeded NCHW input and netc's cpu eval
// output beside them) and the one Python script that checks many such folders in one torch import.
import { join } from 'node:path';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model, type TorchWeights } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext } from '../../runtime/forward_context.js';
import { exportPytorch } from '../../runtime/io/pytorch/pytorch_export.js';
import { writeSafetensorsFile } from '../../runtime/io/safetensors_file.js';
import { className } from '../../runtime/io/pytorch/model_py.js';

/**
 * Seeded PyTorch-initialized weights, with every vector parameter and buffer moved off its trivial start
 * (BatchNorm γ ≠ 1, β ≠ 0, running statistics ≠ 0/1; positive where the name says variance), so a
 * dropped or swapped statistic shows in the output.
 */
export async function seededWeights(ir: Ir, seed: number): Promise<TorchWeights> {
  const model = Model.create(ir, new Rng(seed));
  const weights = await model.exportWeights();
  model.dispose();
  const rng = new Rng(seed + 1);
  for (const node of ir.nodes) {
    for (const p of node.params) {
      if (p.layout !== 'vector' || p.init === 'fan_in_uniform') continue;
      const w = weights.get(p.name)!;
      const positive = p.name.endsWith('var');
      for (let i = 0; i < w.data.length; i++) w.data[i] = positive ? rng.uniform(0.5, 2) : p.init === 'ones' ? rng.uniform(0.5, 1.5) : rng.uniform(-0.5, 0.5);
    }
  }
  return weights;
}

/** NCHW [batch, ...input] → netc's NHWC (images) or the same (flat). */
export function toNhwc(x: Float32Array, batch: number, input: number[]): tf.Tensor {
  if (input.length === 1) return tf.tensor(x, [batch, input[0]]);
  return tf.tidy(() => tf.transpose(tf.tensor(x, [batch, ...input]), [0, 2, 3, 1]));
}

/** netc's eval output (cpu, plain lowerings) for an NCHW input, as NCHW / [N, F]. */
export async function netcEval(ir: Ir, weights: TorchWeights, x: Float32Array, batch: number): Promise<{ shape: number[]; data: Float32Array }> {
  const model = Model.create(ir, new Rng(0));
  model.importWeights(weights);
  const input = toNhwc(x, batch, ir.input);
  const out = tf.tidy(() => {
    const y = model.forward(input, evalContext());
    return y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y;
  });
  const result = { shape: out.shape, data: (await out.data()) as Float32Array };
  tf.dispose([input, out]);
  model.dispose();
  return result;
}

export interface ExportCase {
  dir: string;
  className: string;
  /** The IR's parameter names. */
  names: string[];
}

/** Exports `ir` with seeded weights into `dir` and writes check.safetensors (input, netc's output). */
export async function exportCase(ir: Ir, dir: string, { seed = 1, batch = 2 } = {}): Promise<ExportCase> {
  const weights = await seededWeights(ir, seed);
  exportPytorch(ir, weights, dir, { netcVersion: 'test' });
  const rng = new Rng(seed + 7);
  const size = batch * ir.input.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: size }, () => rng.uniform(-1, 1));
  const y = await netcEval(ir, weights, x, batch);
  writeSafetensorsFile(join(dir, 'check.safetensors'), new Map([['input', { shape: [batch, ...ir.input], data: x }], ['output', y]]));
  return { dir, className: className(ir), names: ir.nodes.flatMap((n) => n.params.map((p) => p.name)) };
}

/**
 * Python: for each case folder, import its model.py, build the class with no arguments, load
 * model.safetensors with strict=True, run eval on check.safetensors' input, and report the key set and the
 * scaled max-abs error against netc's output.
 */
export const CHECK_EXPORTS_PY = `
import importlib.util, json, sys, torch
torch.set_num_threads(2)
cases = json.load(sys.stdin)
results = []
for i, case in enumerate(cases):
    spec = importlib.util.spec_from_file_location(f"netc_model_{i}", case["dir"] + "/model.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    net = getattr(mod, case["className"])()
    mod.load_weights(net, case["dir"] + "/model.safetensors")
    net.eval()
    check = mod.load_safetensors(case["dir"] + "/check.safetensors")
    with torch.no_grad():
        got = net(check["input"])
    want = check["output"]
    err = (got - want).abs().max().item() / max(want.abs().max().item(), 1e-30) if got.shape == want.shape else None
    results.append({"keys": sorted(net.state_dict().keys()), "shape": list(got.shape), "want": list(want.shape), "error": err})
print(json.dumps(results))
`;
