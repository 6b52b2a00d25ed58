// Activation lowerings: every entry of the activation table (activations.ts) by its plain tfjs lowering, and
// softmax (over the last axis: features, or channels in NHWC) and identity, which are not elementwise.
import * as tf from '../tfjs.js';
import { activationTable } from './activations.js';
import type { Lowering, LoweringTable } from './lowering.js';

export const actLowerings: LoweringTable = {
  ...Object.fromEntries(Object.entries(activationTable).map(([name, a]): [string, Lowering] => [name, (node, [x]) => a.lower(x, node.attrs)])),
  softmax: (_n, [x]) => tf.softmax(x),
  identity: (_n, [x]) => x,
};
