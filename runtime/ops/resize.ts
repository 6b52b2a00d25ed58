// upsample lowering: tfjs's resize ops with PyTorch's sampling — nearest reads source pixel ⌊dst/scale⌋
// (alignCorners and halfPixelCenters off), bilinear samples at (dst + ½)/scale − ½ (align_corners=False).
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';

export const resizeLowerings: LoweringTable = {
  upsample(node, [x]) {
    const [sh, sw] = pair(node.attrs.scale);
    const [, h, w] = x.shape;
    const size: [number, number] = [h * sh, w * sw];
    if (node.attrs.mode === 'bilinear') return tf.image.resizeBilinear(x as tf.Tensor4D, size, false, true);
    return tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, false, false);
  },
};
