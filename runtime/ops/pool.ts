// Pooling lowerings. Padding and ceil_mode's extra bottom/right rows are explicit: −∞ for maxpool (tfjs
// ignores out-of-range taps), zeros for avgpool, whose divisor follows PyTorch's count_include_pad rule.
import * as tf from '../tfjs.js';
import { type LoweringTable, pair } from './lowering.js';
import { tiledAvgPool } from '../backends/tiled_pool.js';
import { adaptiveWindow } from '../../compiler/ops/pool.js';
import type { IrNode } from '../../compiler/ir.js';
import { mixHeightWidth } from './axis_mix.js';
import { cachedConstant } from './constant_cache.js';

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

/** Padding on each side, with the rows and columns a ceil-mode last window reaches past the padded input. */
export function windowPadding(node: IrNode, [h, w]: number[]): Pad4 {
  const [kh, kw] = pair(node.attrs.kernel);
  const [sh, sw] = pair(node.attrs.stride);
  const [ph, pw] = pair(node.attrs.pad);
  const [, oh, ow] = node.shape;
  const extraH = Math.max(0, (oh - 1) * sh + kh - (h + 2 * ph));
  const extraW = Math.max(0, (ow - 1) * sw + kw - (w + 2 * pw));
  return [[0, 0], [ph, ph + extraH], [pw, pw + extraW], [0, 0]];
}

/**
 * How many values PyTorch divides each output window by: the window clipped to the padded input
 * (count_include_pad), or to the input itself (count_pad: false). undefined when every window counts kh·kw.
 */
export function avgPoolDivisors(node: IrNode, [h, w]: number[]): Float32Array | undefined {
  const [kh, kw] = pair(node.attrs.kernel);
  const [sh, sw] = pair(node.attrs.stride);
  const [ph, pw] = pair(node.attrs.pad);
  const [, oh, ow] = node.shape;
  const countPad = node.attrs.count_pad !== false;
  const span = (i: number, s: number, p: number, k: number, size: number) => {
    const start = i * s - p;
    const end = Math.min(start + k, size + p);
    return countPad ? end - start : Math.min(end, size) - Math.max(start, 0);
  };
  const divisors = new Float32Array(oh * ow);
  let uniform = true;
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const d = span(y, sh, ph, kh, h) * span(x, sw, pw, kw, w);
      divisors[y * ow + x] = d;
      uniform &&= d === kh * kw;
    }
  return uniform ? undefined : divisors;
}

/** The [out, size] matrix whose row i averages adaptive window i. */
function adaptiveMatrix(out: number, size: number): { data: Float32Array; out: number } {
  const data = new Float32Array(out * size);
  for (let i = 0; i < out; i++) {
    const [a, b] = adaptiveWindow(i, size, out);
    for (let j = a; j < b; j++) data[i * size + j] = 1 / (b - a);
  }
  return { data, out };
}

export const poolLowerings: LoweringTable = {
  maxpool(node, [x]) {
    return tf.maxPool(x as tf.Tensor4D, pair(node.attrs.kernel), pair(node.attrs.stride), windowPadding(node, x.shape.slice(1, 3)));
  },
  avgpool(node, [x], _p, _ctx, { choice }) {
    if (choice.tiledPool) return tiledAvgPool(x as tf.Tensor4D, pair(node.attrs.kernel));
    const hw = x.shape.slice(1, 3);
    const pad = windowPadding(node, hw);
    const padded = pad.some(([a, b]) => a || b) ? tf.pad(x as tf.Tensor4D, pad) : (x as tf.Tensor4D);
    const mean = tf.avgPool(padded, pair(node.attrs.kernel), pair(node.attrs.stride), 'valid');
    // tfjs divided every window by kh·kw; rescale each output to PyTorch's divisor.
    const scale = cachedConstant(`avgpool ${JSON.stringify([node.attrs, node.shape, hw])}`, () => {
      const [kh, kw] = pair(node.attrs.kernel);
      return avgPoolDivisors(node, hw)?.map((d) => (kh * kw) / d);
    });
    return scale ? tf.mul(mean, tf.tensor4d(scale, [1, node.shape[1], node.shape[2], 1])) : mean;
  },
  global_avgpool(_node, [x]) {
    return tf.mean(x, [1, 2], true);
  },
  adaptive_avgpool(node, [x]) {
    const [, h, w] = x.shape;
    const [oh, ow] = pair(node.attrs.size);
    if (h % oh === 0 && w % ow === 0) return tf.avgPool(x as tf.Tensor4D, [h / oh, w / ow], [h / oh, w / ow], 'valid');
    // Windows of unequal sizes: the mean is separable, rows then columns, as two matrix products.
    const matrix = (out: number, size: number) => cachedConstant(`adaptive ${out} ${size}`, () => adaptiveMatrix(out, size));
    return mixHeightWidth(x as tf.Tensor4D, matrix(oh, h), matrix(ow, w));
  },
};
