// Activation lowerings; softmax runs over the last axis (features, or channels in NHWC).
import * as tf from '../tfjs.js';
import type { LoweringTable } from './lowering.js';

export const actLowerings: LoweringTable = {
  relu: (_n, [x]) => tf.relu(x),
  sigmoid: (_n, [x]) => tf.sigmoid(x),
  tanh: (_n, [x]) => tf.tanh(x),
  softmax: (_n, [x]) => tf.softmax(x),
  identity: (_n, [x]) => x,
};
