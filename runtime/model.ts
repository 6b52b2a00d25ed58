// A trainable model built from checked IR: one tf.Variable per IR parameter, a forward pass that walks the
// nodes in order through the lowering tables, and weights in and out by name in PyTorch's layout.
import * as tf from './tfjs.js';
import type { Ir, IrNode, IrParam } from '../compiler/ir.js';
import { loweringFor } from './ops/registry.js';
import type { LoweringContext, NodeParams } from './ops/lowering.js';
import { type Layout, toTf, toTorch, tfShape } from './layout.js';
import { initialValues, type InitScheme } from './init.js';
import { planLowerings, type LoweringPlan, type Mode } from './lowering_plan.js';
import { runTrials, type TrialResult } from './lowering_trials.js';
import type { TrialStore } from './trial_store.js';
import type { Rng } from './rng.js';

export interface ParamEntry {
  param: IrParam;
  node: IrNode;
  suffix: string;
  layout: Layout;
  /** Input channels of the node (depthwise layout needs them). */
  channels: number;
  variable: tf.Variable;
}

/** Named float32 tensors in PyTorch's layout: what checkpoints and weight files hold. */
export type TorchWeights = Map<string, { shape: number[]; data: Float32Array }>;

export { WeightError } from './errors.js';
import { WeightError } from './errors.js';

export class Model {
  readonly params: ParamEntry[] = [];
  private readonly nodeParams = new Map<string, NodeParams>();
  private readonly shapes = new Map<string, number[]>();
  private readonly plans = new Map<string, LoweringPlan>();
  /** false: lower every layer plainly (no fusion, folding or alternative lowerings), for comparisons. */
  optimizeLowerings = true;
  /** Measured lowering choices per backend (see prepare). */
  private readonly trials = new Map<string, Map<string, TrialResult>>();

  private constructor(readonly ir: Ir) {}

  /** Builds variables initialized as PyTorch would (seeded, so every backend starts from the same weights). */
  static create(ir: Ir, rng: Rng, init: InitScheme = 'pytorch'): Model {
    const model = new Model(ir);
    for (const node of ir.nodes) model.shapes.set(node.name, node.shape);
    for (const node of ir.nodes) {
      const channels = node.inputs.length > 0 ? model.shapes.get(node.inputs[0])![0] : 0;
      const tensors: NodeParams = {};
      for (const param of node.params) {
        const suffix = param.name.slice(node.name.length + 1);
        const layout = param.layout;
        const { shape, data } = toTf(layout, param.shape, initialValues(param, rng, init), channels);
        const initial = tf.tensor(data, shape);
        const variable = tf.variable(initial, param.trainable);
        initial.dispose(); // the variable holds its own reference to the data

        tensors[suffix] = variable;
        model.params.push({ param, node, suffix, layout, channels, variable });
      }
      model.nodeParams.set(node.name, tensors);
    }
    return model;
  }

  /** Parameters the current training state fixes (freeze), by IR name; see setTrainingState. */
  private frozen: ReadonlySet<string> = new Set();
  /** Frozen batchnorm nodes that run on their running statistics while training. */
  fixedStatistics: ReadonlySet<string> = new Set();

  /** Every learnable parameter (not buffers), frozen or not: what the optimizer keeps state for. */
  get learnableVariables(): tf.Variable[] {
    return this.params.filter((p) => p.param.trainable).map((p) => p.variable);
  }

  /** The learnable parameters that are updated now (frozen ones get no gradient at all). */
  get trainableVariables(): tf.Variable[] {
    return this.params.filter((p) => p.param.trainable && !this.frozen.has(p.param.name)).map((p) => p.variable);
  }

  /** Which parameters are frozen and which batchnorms use running statistics (runtime/train/training_state.ts). */
  setTrainingState(state: { frozen: ReadonlySet<string>; fixedStatistics: ReadonlySet<string> }): void {
    this.frozen = state.frozen;
    this.fixedStatistics = state.fixedStatistics;
  }

  /** How each layer runs in `mode` on the current backend (planned once per backend and mode). */
  plan(mode: Mode): LoweringPlan {
    const backend = tf.getBackend();
    const key = `${backend}/${mode}/${this.optimizeLowerings}`;
    let plan = this.plans.get(key);
    if (!plan) this.plans.set(key, (plan = planLowerings(this.ir, backend, mode, { optimize: this.optimizeLowerings, trials: this.trials.get(backend) })));
    return plan;
  }

  /** Measures (or reads from the cache) the lowering choices that rules cannot make, for this backend and batch. */
  async prepare(adapter: string, batch: number, store?: TrialStore): Promise<void> {
    const backend = tf.getBackend();
    this.trials.set(backend, await runTrials(this.ir, adapter, batch, store));
    for (const key of [...this.plans.keys()]) if (key.startsWith(`${backend}/`)) this.plans.delete(key);
  }

  /** Runs the network on an NHWC (or [N, F]) batch; call inside tf.tidy or a gradient function. */
  forward(x: tf.Tensor, ctx: LoweringContext): tf.Tensor {
    const { choices } = this.plan(ctx.training ? 'train' : 'eval');
    const paramsOf = (name: string) => this.nodeParams.get(name)!;
    const values = new Map<string, tf.Tensor>();
    for (const node of this.ir.nodes) {
      const inputs = node.op === 'input' ? [x] : node.inputs.map((name) => values.get(name)!);
      const choice = choices.get(node.name)!;
      if (choice.absorbed) {
        values.set(node.name, inputs[0]); // its work happens in the node that absorbed it
        ctx.observe?.(node, inputs[0]);
        continue;
      }
      const lower = loweringFor(node.family, node.op);
      if (!lower) throw new Error(`no lowering for op '${node.op}' (family ${node.family})`);
      const value = lower(node, inputs, paramsOf(node.name), ctx, { choice, paramsOf });
      values.set(node.name, value);
      ctx.observe?.(node, value);
    }
    return values.get(this.ir.output)!;
  }

  /** Applies BatchNorm running-statistic updates (PyTorch: new = (1 − m)·old + m·batch) and disposes the stats. */
  applyBatchStats(records: { node: IrNode; mean: tf.Tensor; variance: tf.Tensor }[]): void {
    tf.tidy(() => {
      for (const { node, mean, variance } of records) {
        const m = node.attrs.momentum as number;
        const p = this.nodeParams.get(node.name)!;
        (p.running_mean as tf.Variable).assign(tf.add(tf.mul(p.running_mean, 1 - m), tf.mul(mean, m)));
        (p.running_var as tf.Variable).assign(tf.add(tf.mul(p.running_var, 1 - m), tf.mul(variance, m)));
      }
    });
    for (const r of records) tf.dispose([r.mean, r.variance]);
  }

  /** Every parameter and buffer, by IR name, in PyTorch's layout. */
  async exportWeights(): Promise<TorchWeights> {
    const out: TorchWeights = new Map();
    for (const p of this.params) {
      const data = (await p.variable.data()) as Float32Array;
      out.set(p.param.name, { shape: p.param.shape, data: toTorch(p.layout, p.param.shape, data, p.channels) });
    }
    return out;
  }

  /** Loads weights by IR name (PyTorch layout). Every parameter must be present with its exact shape; `source` names the file in errors. */
  importWeights(weights: TorchWeights, { allowMissing = false, source }: { allowMissing?: boolean; source?: string } = {}): void {
    const problems: string[] = [];
    for (const p of this.params) {
      const w = weights.get(p.param.name);
      if (!w) {
        if (!allowMissing) problems.push(`missing '${p.param.name}'`);
        continue;
      }
      if (w.shape.length !== p.param.shape.length || w.shape.some((d, i) => d !== p.param.shape[i])) {
        problems.push(`'${p.param.name}' has shape [${w.shape.join(', ')}], the network needs [${p.param.shape.join(', ')}]`);
        continue;
      }
      const { data } = toTf(p.layout, p.param.shape, w.data, p.channels);
      tf.tidy(() => p.variable.assign(tf.tensor(data, tfShape(p.layout, p.param.shape, p.channels))));
    }
    const known = new Set(this.params.map((p) => p.param.name));
    for (const name of weights.keys()) if (!known.has(name)) problems.push(`unknown weight '${name}'`);
    if (problems.length > 0) throw new WeightError(`${source ? `${source}: ` : ''}${problems.length} weight${problems.length === 1 ? '' : 's'} do not fit: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
  }

  dispose(): void {
    for (const p of this.params) p.variable.dispose();
  }
}
