// Activation lowerings; softmax runs over the last axis (features, or channels in NHWC).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';
import { elu, gelu, hardsigmoid, hardswish, mish, silu } from './activation_functions.js';

export const actLowerings: LoweringTable = {
  relu: (_n, [x]) => tf.relu(x),
  sigmoid: (_n, [x]) => tf.sigmoid(x),
  tanh: (_n, [x]) => tf.tanh(x),
  softmax: (_n, [x]) => tf.softmax(x),
  identity: (_n, [x]) => x,
  relu6: (_n, [x]) => tf.relu6(x),
  leaky_relu: (n, [x]) => tf.leakyRelu(x, n.attrs.slope as number),
  elu: (n, [x]) => elu(x, n.attrs.alpha as number),
  silu: (_n, [x]) => silu(x),
  gelu: (n, [x]) => gelu(x, n.attrs.approximate as string),
  hardswish: (_n, [x]) => hardswish(x),
  hardsigmoid: (_n, [x]) => hardsigmoid(x),
  mish: (_n, [x]) => mish(x),
};
