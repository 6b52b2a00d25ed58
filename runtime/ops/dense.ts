// dense lowering: x · W (+ b), with W stored [in, out].
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const denseLowerings: LoweringTable = {
  dense(_node, [x], p) {
    const y = tf.matMul(x as tf.Tensor2D, p.weight as tf.Tensor2D);
    return p.bias ? tf.add(y, p.bias) : y;
  },
};
