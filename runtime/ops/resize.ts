// upsample lowering with PyTorch's sampling. nearest (source pixel ⌊dst/scale⌋) repeats each pixel by
// broadcasting; bilinear (align_corners=False: source (dst + ½)/scale − ½, clamped at 0) is separable, two
// matrix products. Neither uses tfjs's resize kernels, whose gradients are wrong on non-square images.
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';
import { mixHeightWidth } from './axis_mix.js';
import { cachedConstant } from './constant_cache.js';

/** Repeats each entry of axis 1 of [A, B, C, D] `times` times (a broadcast multiply: its gradient is a sum). */
function repeatAxis1(x: tf.Tensor4D, times: number): tf.Tensor4D {
  const [a, b, c, d] = x.shape;
  if (times === 1) return x;
  const spread = tf.mul(tf.reshape(x, [a, b, 1, c * d]), tf.ones([1, 1, times, 1]));
  return tf.reshape(spread, [a, b * times, c, d]);
}

/** The [size·scale, size] matrix of PyTorch's bilinear weights along one axis. */
export function bilinearMatrix(size: number, scale: number): { data: Float32Array; out: number } {
  const out = size * scale;
  const data = new Float32Array(out * size);
  for (let i = 0; i < out; i++) {
    const source = Math.max(0, (i + 0.5) / scale - 0.5);
    const i0 = Math.min(Math.floor(source), size - 1);
    const i1 = Math.min(i0 + 1, size - 1);
    const t = source - i0;
    data[i * size + i0] += 1 - t;
    data[i * size + i1] += t;
  }
  return { data, out };
}

export const resizeLowerings: LoweringTable = {
  upsample(node, [x]) {
    const [sh, sw] = pair(node.attrs.scale);
    const input = x as tf.Tensor4D;
    const [n, h, w, c] = input.shape;
    const matrix = (size: number, scale: number) => cachedConstant(`bilinear ${size} ${scale}`, () => bilinearMatrix(size, scale));
    if (node.attrs.mode === 'bilinear') return mixHeightWidth(input, matrix(h, sh), matrix(w, sw));
    const wide = tf.reshape(repeatAxis1(tf.reshape(input, [n * h, w, 1, c]), sw), [n, h, w * sw, c]) as tf.Tensor4D;
    return repeatAxis1(wide, sh);
  },
};
