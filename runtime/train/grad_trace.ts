// --trace-grad: per parametrized layer, the L2 norm of its weights' gradient and of the weights, and statistics
// of the activation the layer feeds (mean, std, fraction saturated for sigmoid/tanh, fraction dead after relu),
// computed on the device in one [layers, 6] tensor per traced step (one read-back).
import * as tf from '../tfjs.js';
import type { Ir, IrNode } from '../../compiler/ir.js';
import type { Model } from '../model.js';

/** One layer's numbers at one traced step (a line of metrics.jsonl holds every layer's). */
export interface LayerTrace {
  /** The IR node's label path, as --explain shows it. */
  name: string;
  gradNorm: number;
  weightNorm: number;
  actMean: number;
  actStd: number;
  /** Fraction within 1e-2 of an asymptote (sigmoid: 0 or 1; tanh: ±1); 0 for other activations. */
  saturated: number;
  /** Fraction exactly 0 after relu/relu6; 0 for other activations. */
  dead: number;
  /** The activation whose output the statistics describe (null: the layer's own output). */
  activation: string | null;
}

export interface TraceRecord {
  /** 1-based step of the whole run. */
  step: number;
  /** 1-based epoch the step belongs to. */
  epoch: number;
  layers: LayerTrace[];
}

/** What a traced layer reads: its weight variables' positions and the node whose output it feeds. */
export interface TracedLayer {
  name: string;
  /** Indexes into model.params. */
  weights: number[];
  /** The node whose output the activation statistics describe. */
  observed: string;
  activation: string | null;
}

const SATURATION = 1e-2;
const saturating = new Set(['sigmoid', 'tanh']);
const dying = new Set(['relu', 'relu6']);

/** Follows a layer's single consumers through batchnorms to the first activation (conv → bn → relu: relu). */
function activationFed(node: IrNode, consumers: Map<string, IrNode[]>): IrNode | undefined {
  let current = node;
  for (;;) {
    const next = consumers.get(current.name) ?? [];
    if (next.length !== 1) return undefined;
    const n = next[0];
    if (n.family === 'act' && n.op !== 'identity' && n.op !== 'softmax') return n;
    if (n.op !== 'batchnorm') return undefined;
    current = n;
  }
}

/** The layers with trainable parameters, input first, with their weights ("weight" params; else all trainable). */
export function tracedLayers(ir: Ir, model: Model): TracedLayer[] {
  const consumers = new Map<string, IrNode[]>();
  for (const n of ir.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const layers: TracedLayer[] = [];
  for (const node of ir.nodes) {
    const own = model.params.map((p, i) => ({ p, i })).filter(({ p }) => p.node.name === node.name && p.param.trainable);
    if (own.length === 0) continue;
    const weights = own.filter(({ p }) => p.suffix === 'weight');
    const act = activationFed(node, consumers);
    layers.push({ name: node.name, weights: (weights.length > 0 ? weights : own).map(({ i }) => i), observed: act?.name ?? node.name, activation: act?.op ?? null });
  }
  return layers;
}

/** Collects the observed activations during one forward pass (kept until statistics() disposes them). */
export class StepTrace {
  private readonly wanted: Set<string>;
  private readonly seen = new Map<string, tf.Tensor>();

  constructor(readonly layers: TracedLayer[]) {
    this.wanted = new Set(layers.map((l) => l.observed));
  }

  observe = (node: IrNode, value: tf.Tensor): void => {
    if (this.wanted.has(node.name) && !this.seen.has(node.name)) this.seen.set(node.name, tf.keep(value));
  };

  /** [layers, 6]: gradNorm, weightNorm, mean, std, saturated, dead; disposes the kept activations. */
  statistics(model: Model, grads: tf.NamedTensorMap): tf.Tensor2D {
    try {
      return tf.tidy(() => {
        const rows = this.layers.map((layer) => {
          const sumSquares = (ts: tf.Tensor[]) => (ts.length === 0 ? tf.scalar(0) : tf.addN(ts.map((g) => tf.sum(tf.square(g)))));
          const variables = layer.weights.map((i) => model.params[i].variable);
          const gradNorm = tf.sqrt(sumSquares(variables.flatMap((v) => (grads[v.name] ? [grads[v.name]] : []))));
          const weightNorm = tf.sqrt(sumSquares(variables));
          const a = this.seen.get(layer.observed);
          if (!a) return tf.stack([gradNorm, weightNorm, tf.scalar(NaN), tf.scalar(NaN), tf.scalar(0), tf.scalar(0)]);
          const { mean, variance } = tf.moments(a);
          const fraction = (mask: tf.Tensor) => tf.mean(tf.cast(mask, 'float32'));
          const saturated = !saturating.has(layer.activation ?? '')
            ? tf.scalar(0)
            : layer.activation === 'sigmoid'
              ? fraction(tf.logicalOr(tf.less(a, SATURATION), tf.greater(a, 1 - SATURATION)))
              : fraction(tf.greater(tf.abs(a), 1 - SATURATION));
          const dead = dying.has(layer.activation ?? '') ? fraction(tf.equal(a, 0)) : tf.scalar(0);
          return tf.stack([gradNorm, weightNorm, mean, tf.sqrt(variance), saturated, dead]);
        });
        return tf.stack(rows) as tf.Tensor2D;
      });
    } finally {
      tf.dispose([...this.seen.values()]);
      this.seen.clear();
    }
  }
}

/** The record of one traced step from its statistics' values (row-major [layers, 6]). */
export function traceRecord(layers: TracedLayer[], values: Float32Array | number[], step: number, epoch: number): TraceRecord {
  return {
    step,
    epoch,
    layers: layers.map((l, i) => {
      const [gradNorm, weightNorm, actMean, actStd, saturated, dead] = Array.from(values.slice(i * 6, i * 6 + 6));
      return { name: l.name, gradNorm, weightNorm, actMean, actStd, saturated, dead, activation: l.activation };
    }),
  };
}

/** Whether 1-based run step `step` is traced with --trace-grad `every`: step 1 and every `every`-th. */
export function tracedStep(step: number, every: number | undefined): boolean {
  return every !== undefined && every > 0 && (step === 1 || step % every === 0);
}
