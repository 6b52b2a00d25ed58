// Test helpers for ONNX export: run netc's eval (current tfjs backend) and onnxruntime-node on the same NCHW batch,
// weights with non-trivial norm statistics, and onnx.checker over a folder of models in Debian's Python.
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { mkdirSync } from 'node:fs';
import { Model, type TorchWeights } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { irHash } from '../../runtime/ir_hash.js';
import { writeCheckpoint, type CheckpointHeader } from '../../runtime/io/checkpoint.js';
import { compileFile } from './files.js';
import { evalContext } from '../../runtime/forward_context.js';
import { toNchw } from './layer_check.js';
import { pythonRequired, pythonStatus, runPython } from './python.js';

const nhwcShape = (batch: number, shape: number[]) => (shape.length === 3 ? [batch, shape[1], shape[2], shape[0]] : [batch, ...shape]);

/** NCHW data → NHWC (flat data unchanged). */
export function toNhwc(data: Float32Array, batch: number, shape: number[]): Float32Array {
  if (shape.length !== 3) return data;
  const [c, h, w] = shape;
  const out = new Float32Array(data.length);
  for (let b = 0; b < batch; b++) for (let ci = 0; ci < c; ci++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ci] = data[((b * c + ci) * h + y) * w + x];
  return out;
}

/** netc's eval output for an NCHW batch, in NCHW (or [N, F]). */
export async function netcEval(model: Model, nchw: Float32Array, batch: number): Promise<Float32Array> {
  const ir = model.ir;
  const y = tf.tidy(() => model.forward(tf.tensor(toNhwc(nchw, batch, ir.input), nhwcShape(batch, ir.input)), evalContext()));
  const data = (await y.data()) as Float32Array;
  const shape = y.shape;
  y.dispose();
  return Float32Array.from(toNchw(data, shape));
}

/** onnxruntime-node's output of the model's one input and output. */
export async function ortRun(bytes: Uint8Array, nchw: Float32Array, batch: number, inputShape: number[]): Promise<{ output: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', nchw, [batch, ...inputShape]) };
    const result = await session.run(feeds);
    const out = result[session.outputNames[0]];
    return { output: out.data as Float32Array, dims: out.dims };
  } finally {
    await session.release();
  }
}

/** Norm scales in [0.5, 1.5], shifts and running means in ±0.2, running variances in [0.5, 1.5]: defaults would hide a mix-up. */
export function withNormStatistics(ir: Ir, weights: TorchWeights, rng: Rng): TorchWeights {
  const out: TorchWeights = new Map(weights);
  for (const node of ir.nodes) {
    if (node.family !== 'norm') continue;
    for (const p of node.params) {
      const suffix = p.name.slice(node.name.length + 1);
      const [lo, hi] = suffix === 'weight' || suffix === 'running_var' ? [0.5, 1.5] : [-0.2, 0.2];
      out.set(p.name, { shape: p.shape, data: Float32Array.from(weights.get(p.name)!.data, () => rng.uniform(lo, hi)) });
    }
  }
  return out;
}

/** onnx.checker.check_model(full_check) on each file; the failures, or the reason Python cannot run (null when it must). */
export function checkModels(paths: string[]): { failures: string[] } | { skipped: string } {
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) throw new Error(status.reason);
    return { skipped: status.reason };
  }
  const script = `
import json, sys, onnx
failures = []
for path in json.load(sys.stdin):
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
    except Exception as e:
        failures.append(path + ': ' + str(e).splitlines()[0])
print(json.dumps(failures))`;
  return { failures: runPython<string[]>(script, paths) };
}

/** The decoded ModelProto, to look at what was written. */
export function decodeModel(bytes: Uint8Array) {
  return onnxProto.onnx.ModelProto.decode(bytes);
}

/** An attribute of a decoded node by name (ints, a float, an int, a string), or undefined. */
export function attributeOf(node: onnxProto.onnx.INodeProto, name: string): number | number[] | string | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.ints && a.ints.length > 0) return a.ints.map(Number);
  if (a.s && a.s.length > 0) return new TextDecoder().decode(a.s);
  return a.type === onnxProto.onnx.AttributeProto.AttributeType.FLOAT ? a.f! : Number(a.i);
}

/**
 * A run directory holding `file`'s network with seeded weights and non-trivial norm statistics (what the export
 * tests export); the model stays loaded for computing netc's own outputs. `header` adds checkpoint fields.
 */
export async function writeSeededRun(file: string, runDir: string, seed: number, header: Partial<CheckpointHeader> = {}): Promise<Model> {
  const ir = compileFile(file).ir!;
  const rng = new Rng(seed);
  const model = Model.create(ir, rng);
  const weights = withNormStatistics(ir, await model.exportWeights(), rng);
  model.importWeights(weights);
  mkdirSync(runDir, { recursive: true });
  writeCheckpoint(runDir, { network: ir.network, irHash: irHash(ir), epoch: 1, rng: rng.state, ...header }, weights, new Map());
  return model;
}
