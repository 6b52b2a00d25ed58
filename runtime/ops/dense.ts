// dense lowering: x · W (+ b), W stored [in, out]; bias, a following activation and (in eval) a following
// batchnorm go into one fused matmul where the plan says.
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';
import { foldNorm } from './fold_norm.js';
import { tfjsFusedArgs } from './activations.js';

export const denseLowerings: LoweringTable = {
  dense(_node, [x], p, _ctx, { choice, paramsOf }) {
    let weight = p.weight;
    let bias = p.bias as tf.Tensor | undefined;
    if (choice.foldedNorm) ({ weight, bias } = foldNorm(weight, bias, paramsOf(choice.foldedNorm.name), choice.foldedNorm.attrs.eps as number));
    if (!choice.fused) {
      const y = tf.matMul(x as tf.Tensor2D, weight as tf.Tensor2D);
      return bias ? tf.add(y, bias) : y;
    }
    return tf.fused.matMul({ a: x as tf.Tensor2D, b: weight as tf.Tensor2D, bias, ...tfjsFusedArgs(choice.activation, choice.activationAttrs) });
  },
};
