// Lowering contexts for the two modes: eval (running statistics, no dropout) and training (records batch stats).
import type * as tf from './tfjs.js';
import type { IrNode } from '../compiler/ir.js';
import type { LoweringContext } from './ops/lowering.js';
import type { Rng } from './rng.js';

export interface BatchStats {
  node: IrNode;
  mean: tf.Tensor;
  variance: tf.Tensor;
}

export function evalContext(): LoweringContext {
  return {
    training: false,
    seed: () => 0,
    recordBatchStats: () => {
      throw new Error('batch statistics recorded in eval mode');
    },
  };
}

/** Training mode: dropout seeds come from `rng`; batch statistics are kept (tf.keep) for the caller to apply. */
export function trainingContext(rng: Rng, keep: (t: tf.Tensor) => tf.Tensor, stats: BatchStats[], fixedStatistics?: ReadonlySet<string>): LoweringContext {
  return {
    training: true,
    fixedStatistics,
    seed: () => rng.nextUint32(),
    recordBatchStats: (node, mean, variance) => stats.push({ node, mean: keep(mean), variance: keep(variance) }),
  };
}
