// The lowering contract: each IR op becomes tfjs ops, one table per op family (runtime/ops/<family>.ts).
import type * as tf from '../tfjs.js';
import type { IrNode } from '../../compiler/ir.js';

export interface LoweringContext {
  training: boolean;
  /** A fresh seed per call (dropout masks), drawn from the run's RNG so runs are reproducible. */
  seed(): number;
  /** BatchNorm in training: the batch's mean and unbiased variance, to update running statistics after the step. */
  recordBatchStats(node: IrNode, mean: tf.Tensor, variance: tf.Tensor): void;
}

/** Parameters of one node by suffix (`weight`, `bias`, `running_mean`, …), in tfjs layout. */
export type NodeParams = Record<string, tf.Tensor>;

export type Lowering = (node: IrNode, inputs: tf.Tensor[], params: NodeParams, ctx: LoweringContext) => tf.Tensor;

export type LoweringTable = Record<string, Lowering>;

export const pair = (v: unknown): [number, number] => v as [number, number];
