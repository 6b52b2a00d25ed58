// The lowering contract: each IR op becomes tfjs ops, one table per op family (runtime/ops/<family>.ts),
// following the choice the lowering plan (runtime/lowering_plan.ts) made for that node.
import type * as tf from '../tfjs.js';
import type { IrNode } from '../../compiler/ir.js';
import type { FusedActivation } from './activations.js';

export interface LoweringContext {
  training: boolean;
  /** A fresh seed per call (dropout masks), drawn from the run's RNG so runs are reproducible. */
  seed(): number;
  /** BatchNorm in training: the batch's mean and unbiased variance, to update running statistics after the step. */
  recordBatchStats(node: IrNode, mean: tf.Tensor, variance: tf.Tensor): void;
  /** Frozen batchnorms that use their running statistics even while training (node names). */
  fixedStatistics?: ReadonlySet<string>;
  /** Sees each node's output (--trace-grad's activation statistics); absent, forward does nothing extra. */
  observe?(node: IrNode, value: tf.Tensor): void;
}

export type { FusedActivation } from './activations.js';

/** How one node is lowered: chosen per layer from its shapes, the backend and the mode. */
export interface NodeLowering {
  /** In words, for `--explain`: e.g. "fused conv2d + bias + relu". */
  strategy: string;
  reason: string;
  /** The node passes its input through: another node does its work (a fused activation, a folded batchnorm). */
  absorbed?: boolean;
  /** conv/dense: one fused op for the product and its bias (and `activation`, `foldedNorm`). */
  fused?: boolean;
  /** conv/dense: apply this activation inside the fused op. */
  activation?: FusedActivation;
  /** The fused activation's attributes (leaky_relu's slope). */
  activationAttrs?: Record<string, unknown>;
  /** conv/dense in eval: the batchnorm node whose affine map is folded into the weights and bias. */
  foldedNorm?: IrNode;
  /** conv whose input and output are 1×1: only one filter tap ever meets data, so it is a matmul with that tap. */
  centerTap?: [number, number];
  /** conv with one input channel: run as a depthwise conv with a channel multiplier (chosen by measurement). */
  depthwiseForm?: boolean;
  /** conv run on netc's direct kernels (WebGPU or wasm; chosen by measurement), bias and activation inside. */
  direct?: boolean;
  /** direct conv in eval on wasm: the tiling avgpool after its activation is averaged inside too ([kh, kw]). */
  pooled?: [number, number];
  /** avgpool whose windows tile the input, on netc's WebGPU kernels. */
  tiledPool?: boolean;
}

/** Parameters of one node by suffix (`weight`, `bias`, `running_mean`, …), in tfjs layout. */
export type NodeParams = Record<string, tf.Tensor>;

export interface LoweringExtras {
  choice: NodeLowering;
  /** Parameters of another node (a folded batchnorm's). */
  paramsOf(node: string): NodeParams;
}

export type Lowering = (node: IrNode, inputs: tf.Tensor[], params: NodeParams, ctx: LoweringContext, extras: LoweringExtras) => tf.Tensor;

export type LoweringTable = Record<string, Lowering>;

export const pair = (v: unknown): [number, number] => v as [number, number];
