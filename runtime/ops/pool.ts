// Pooling lowerings. avgpool pads with zeros explicitly so padding counts in the mean (PyTorch's default).
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';
import { tiledAvgPool } from '../backends/tiled_pool.js';

export const poolLowerings: LoweringTable = {
  maxpool(node, [x]) {
    const [ph, pw] = pair(node.attrs.pad);
    // Out-of-range taps are ignored by tfjs, i.e. padding with −∞ as PyTorch does.
    return tf.maxPool(x as tf.Tensor4D, pair(node.attrs.kernel), pair(node.attrs.stride), [[0, 0], [ph, ph], [pw, pw], [0, 0]]);
  },
  avgpool(node, [x], _p, _ctx, { choice }) {
    if (choice.tiledPool) return tiledAvgPool(x as tf.Tensor4D, pair(node.attrs.kernel));
    const [ph, pw] = pair(node.attrs.pad);
    const padded = ph || pw ? tf.pad(x as tf.Tensor4D, [[0, 0], [ph, ph], [pw, pw], [0, 0]]) : (x as tf.Tensor4D);
    return tf.avgPool(padded, pair(node.attrs.kernel), pair(node.attrs.stride), 'valid');
  },
  global_avgpool(_node, [x]) {
    return tf.mean(x, [1, 2], true);
  },
};
