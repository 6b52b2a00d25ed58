// Runs a layer case on the current tfjs backend and through the float64 reference: outputs, and gradients
// of Σ y·R — tfjs's autodiff against central differences of the reference — all in PyTorch's layout.
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { toTorch } from '../../runtime/layout.js';
import { type BatchStats, evalContext, trainingContext } from '../../runtime/forward_context.js';
import { type Nd, type RefParams, referenceLayers } from './reference_layers.js';
import { type LayerCase, caseSource } from './layer_cases.js';
import { mustCompile } from './files.js';

export const BATCH = 2;

/** [N, H, W, C] data <-> [N, C, H, W]; flat [N, F] is the same in both. */
export function toNchw(data: ArrayLike<number>, nhwc: number[]): Float64Array {
  if (nhwc.length !== 4) return Float64Array.from(data);
  const [n, h, w, c] = nhwc;
  const out = new Float64Array(data.length);
  for (let b = 0; b < n; b++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ci = 0; ci < c; ci++) out[((b * c + ci) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ci];
  return out;
}

const nhwcShape = (batch: number, shape: number[]) => (shape.length === 3 ? [batch, shape[1], shape[2], shape[0]] : [batch, ...shape]);
const nchwShape = (batch: number, shape: number[]) => [batch, ...shape];

/** Every parameter and buffer random (norm scales and variances in [0.5, 1.5]): defaults 1 and 0 hide mistakes. */
export function randomizeParams(model: Model, rng: Rng): void {
  for (const p of model.params) {
    const positive = p.suffix === 'running_var' || (p.suffix === 'weight' && (p.node.family === 'norm' || p.node.op === 'layerscale'));
    const values = Float32Array.from({ length: p.variable.size }, () => (positive ? rng.uniform(0.5, 1.5) : rng.uniform(-1, 1)));
    tf.tidy(() => p.variable.assign(tf.tensor(values, p.variable.shape)));
  }
}

export interface CaseRun {
  ir: Ir;
  model: Model;
  /** The input, NHWC float32 as tfjs gets it. */
  input: Float32Array;
  /** R of Σ y·R, in the output's NHWC layout. */
  weights: Float32Array;
  /** Examples in the input (BATCH here; the browser's comparison runs at 256). */
  batch: number;
}

export function prepareCase(c: LayerCase, seed = 5, batch = BATCH): CaseRun {
  const ir = mustCompile(caseSource(c));
  const rng = new Rng(seed);
  const model = Model.create(ir, rng);
  randomizeParams(model, rng);
  const range = c.range ?? 2;
  const input = Float32Array.from({ length: batch * ir.input.reduce((a, b) => a * b, 1) }, () => rng.uniform(-range, range));
  const outShape = ir.nodes.find((n) => n.name === ir.output)!.shape;
  const weights = Float32Array.from({ length: batch * outShape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
  return { ir, model, input, weights, batch };
}

export type Named = Map<string, Float64Array>;

/** tfjs on the current backend: output, Σ y·R, and its gradients w.r.t. the input and trainable parameters (PyTorch layout). */
export async function tfjsResults({ ir, model, input, weights, batch }: CaseRun, training: boolean): Promise<{ results: Named; leaked: number }> {
  const before = tf.memory().numTensors;
  const initial = tf.tensor(input, nhwcShape(batch, ir.input));
  const x = tf.variable(initial, true);
  initial.dispose();
  const stats: BatchStats[] = [];
  const ctx = training ? trainingContext(new Rng(13), tf.keep, stats) : evalContext();
  let output: tf.Tensor | undefined;
  const trainable = model.params.filter((p) => p.param.trainable);
  const { value, grads } = tf.variableGrads(() => {
    const y = model.forward(x, ctx);
    output = tf.keep(y);
    return tf.sum(tf.mul(y, tf.tensor(weights, y.shape)));
  }, [x, ...trainable.map((p) => p.variable)]);
  const results: Named = new Map();
  results.set('output', toNchw((await output!.data()) as Float32Array, output!.shape));
  results.set('weighted sum', Float64Array.from(await value.data()));
  results.set('grad input', toNchw((await grads[x.name].data()) as Float32Array, x.shape));
  for (const p of trainable) {
    const g = (await grads[p.variable.name].data()) as Float32Array;
    results.set(`grad ${p.param.name}`, Float64Array.from(toTorch(p.layout, p.param.shape, g, p.channels)));
  }
  tf.dispose([x, output!, value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
  return { results, leaked: tf.memory().numTensors - before };
}

/** The reference network: every IR node after the input through its float64 reference. */
function referenceForward(ir: Ir, x: Nd, params: Map<string, RefParams>, training: boolean): Nd {
  const values = new Map<string, Nd>([['input', x]]);
  for (const node of ir.nodes) {
    if (node.op === 'input') continue;
    const reference = referenceLayers[node.op];
    if (!reference) throw new Error(`no reference for ${node.op}`);
    values.set(node.name, reference(values.get(node.inputs[0])!, node, params.get(node.name) ?? {}, training));
  }
  return values.get(ir.output)!;
}

/** The reference's output, Σ y·R, and its gradients by central differences (float64, h = 1e-5). */
export async function referenceResults({ ir, model, input, weights, batch }: CaseRun, training: boolean): Promise<Named> {
  const exported = await model.exportWeights();
  const params = new Map<string, RefParams>();
  for (const p of model.params) {
    const byNode = params.get(p.node.name) ?? {};
    byNode[p.suffix] = Float64Array.from(exported.get(p.param.name)!.data);
    params.set(p.node.name, byNode);
  }
  const x: Nd = { shape: nchwShape(batch, ir.input), data: toNchw(input, nhwcShape(batch, ir.input)) };
  const forward = () => referenceForward(ir, x, params, training);
  const y = forward();
  const r = toNchw(weights, nhwcShape(batch, ir.nodes.find((n) => n.name === ir.output)!.shape));
  const loss = () => forward().data.reduce((sum, v, i) => sum + v * r[i], 0);
  const numeric = (values: Float64Array) => {
    const grad = new Float64Array(values.length);
    const h = 1e-5;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      values[i] = v + h;
      const up = loss();
      values[i] = v - h;
      const down = loss();
      values[i] = v;
      grad[i] = (up - down) / (2 * h);
    }
    return grad;
  };
  const results: Named = new Map([['output', y.data], ['weighted sum', Float64Array.of(loss())], ['grad input', numeric(x.data)]]);
  for (const p of model.params.filter((q) => q.param.trainable)) results.set(`grad ${p.param.name}`, numeric(params.get(p.node.name)![p.suffix]));
  return results;
}

/** Failures where |got − want| exceeds `tolerance` × max(1, max |want|), per named result. */
export function compareNamed(want: Named, got: Named, tolerance: number): string[] {
  const failures: string[] = [];
  for (const [name, w] of want) {
    const g = got.get(name);
    if (!g || g.length !== w.length) {
      failures.push(`${name}: ${w.length} values expected, got ${g?.length ?? 'none'}`);
      continue;
    }
    const scale = Math.max(1, ...w.map(Math.abs));
    let worst = 0;
    let at = 0;
    for (let i = 0; i < w.length; i++) {
      const e = Math.abs(g[i] - w[i]) / scale;
      if (!(e <= worst)) (worst = Number.isNaN(e) ? Infinity : e), (at = i);
    }
    if (!(worst <= tolerance)) failures.push(`${name}: scaled error ${worst.toExponential(2)} at [${at}] (want ${w[at]}, got ${g[at]})`);
  }
  for (const name of got.keys()) if (!want.has(name)) failures.push(`${name}: unexpected`);
  return failures;
}
