// Weight layouts: the IR (and checkpoints, and PyTorch) use conv [out, in/g, kh, kw], conv_transpose
// [in, out, kh, kw] and dense [out, in]; tfjs wants conv filters [kh, kw, in/g, out] (depthwise:
// [kh, kw, in, multiplier]), conv2dTranspose filters [kh, kw, out, in] and dense [in, out]. Which one a
// parameter has is the tag the compiler put on it (IrParam.layout), never the op's name.
import type { ParamLayout } from '../compiler/ops/op_spec.js';

export type Layout = ParamLayout;

/** A PyTorch-layout index -> tfjs-layout index map for one layout, and the tfjs shape. */
interface Reorder {
  shape: number[];
  /** tfjs offset of the element at PyTorch offset i. */
  index(i: number): number;
}

function reorder(layout: Layout, torch: number[], channels: number): Reorder | undefined {
  switch (layout) {
    case 'vector':
      return undefined;
    case 'dense': {
      const [out, inF] = torch;
      return { shape: [inF, out], index: (i) => (i % inF) * out + Math.floor(i / inF) };
    }
    case 'conv':
    case 'conv_transpose': {
      // conv [out, in, kh, kw] -> [kh, kw, in, out]; conv_transpose [in, out, kh, kw] -> [kh, kw, out, in]:
      // the same permutation of axes (3, 4, 2, 1), the first two PyTorch axes swapping their roles.
      const [a, b, kh, kw] = torch;
      return {
        shape: [kh, kw, b, a],
        index(i) {
          const x = i % kw, y = Math.floor(i / kw) % kh, j = Math.floor(i / (kw * kh)) % b, k = Math.floor(i / (kw * kh * b));
          return ((y * kw + x) * b + j) * a + k;
        },
      };
    }
    case 'depthwise': {
      // PyTorch output channel o = c·m + j reads input channel c; tfjs wants [kh, kw, c, j].
      const [out, , kh, kw] = torch;
      const multiplier = out / channels;
      return {
        shape: [kh, kw, channels, multiplier],
        index(i) {
          const x = i % kw, y = Math.floor(i / kw) % kh, o = Math.floor(i / (kw * kh));
          return ((y * kw + x) * channels + Math.floor(o / multiplier)) * multiplier + (o % multiplier);
        },
      };
    }
  }
}

/** Shape in tfjs layout for a PyTorch-layout shape (`channels`: the conv's input channels, for depthwise). */
export function tfShape(layout: Layout, torch: number[], channels = 0): number[] {
  return reorder(layout, torch, channels)?.shape ?? torch;
}

/** Reorders PyTorch-layout data into tfjs layout. `channels` is the conv's input channel count (depthwise). */
export function toTf(layout: Layout, torch: number[], data: Float32Array, channels = 0): { shape: number[]; data: Float32Array } {
  const r = reorder(layout, torch, channels);
  if (!r) return { shape: torch, data };
  const result = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) result[r.index(i)] = data[i];
  return { shape: r.shape, data: result };
}

/** The inverse of toTf: tfjs-layout data back to PyTorch layout. */
export function toTorch(layout: Layout, torch: number[], data: Float32Array, channels = 0): Float32Array {
  const r = reorder(layout, torch, channels);
  if (!r) return data;
  const result = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) result[i] = data[r.index(i)];
  return result;
}
