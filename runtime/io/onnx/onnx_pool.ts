// ONNX export of pooling. Windows are explicit `pads` (ceil_mode's extra bottom/right rows as more end padding,
// never `ceil_mode`, whose output size ONNX rounds without PyTorch's "a window starts inside" rule); average
// pooling whose ceil-mode windows overhang the padded input divides as PyTorch only through Pad + a rescale.
import { int, ints, pads } from './onnx_graph.js';
import type { OnnxExportTable } from './onnx_ops.js';
import { avgPoolDivisors, windowPadding } from '../../ops/pool.js';
import { adaptiveWindow } from '../../../compiler/ops/pool.js';

const pair = (v: unknown) => v as [number, number];

/** [[ph, ph + extra], [pw, pw + extra]]: the padding on each side with the ceil-mode overhang (NHWC → H, W). */
function windowPads(node: Parameters<typeof windowPadding>[0], input: number[]): { begin: [number, number]; extra: [number, number] } {
  const [, [ph, phEnd], [pw, pwEnd]] = windowPadding(node, input.slice(1, 3));
  return { begin: [ph, pw], extra: [phEnd - ph, pwEnd - pw] };
}

/** The [out, size] matrix whose row i averages PyTorch's adaptive window i. */
function adaptiveMatrix(out: number, size: number): Float32Array {
  const m = new Float32Array(out * size);
  for (let i = 0; i < out; i++) {
    const [a, b] = adaptiveWindow(i, size, out);
    for (let j = a; j < b; j++) m[i * size + j] = 1 / (b - a);
  }
  return m;
}

function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(m.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j];
  return t;
}

export const poolExports: OnnxExportTable = {
  maxpool: {
    doc: '`MaxPool` with explicit `pads` (a ceil-mode last window as extra end padding; `ceil_mode` = 0)',
    export(ctx) {
      const { node } = ctx;
      const { begin, extra } = windowPads(node, ctx.inputShapes[0]);
      return ctx.op('MaxPool', [ctx.inputs[0]], { kernel_shape: ints(pair(node.attrs.kernel)), strides: ints(pair(node.attrs.stride)), pads: pads(begin, extra) });
    },
  },
  avgpool: {
    doc: '`AveragePool` with explicit `pads` and `count_include_pad` (= `count_pad`); a ceil-mode window that overhangs the padded input with `count_pad`: `Pad` + `AveragePool` + `Mul` by PyTorch\'s divisors',
    export(ctx) {
      const { node } = ctx;
      const kernel = pair(node.attrs.kernel);
      const { begin, extra } = windowPads(node, ctx.inputShapes[0]);
      const attrs = { kernel_shape: ints(kernel), strides: ints(pair(node.attrs.stride)) };
      const countPad = node.attrs.count_pad !== false;
      // Without count_pad ONNX divides by the values inside the input, as PyTorch; with it, by every tap of the
      // window, which is PyTorch's divisor only while no window reaches past the padded input.
      if (!countPad || (extra[0] === 0 && extra[1] === 0)) {
        return ctx.op('AveragePool', [ctx.inputs[0]], { ...attrs, pads: pads(begin, extra), count_include_pad: int(countPad ? 1 : 0) });
      }
      const padded = ctx.op('Pad', [ctx.inputs[0], ctx.int64s([0, 0, begin[0], begin[1], 0, 0, begin[0] + extra[0], begin[1] + extra[1]])], { mode: { string: 'constant' } });
      const mean = ctx.op('AveragePool', [padded], attrs);
      const divisors = avgPoolDivisors(node, ctx.inputShapes[0].slice(1, 3));
      if (!divisors) return mean;
      const [, oh, ow] = node.shape;
      return ctx.op('Mul', [mean, ctx.floats(divisors.map((d) => (kernel[0] * kernel[1]) / d), [1, 1, oh, ow])]);
    },
  },
  global_avgpool: { doc: '`GlobalAveragePool`', export: (ctx) => ctx.op('GlobalAveragePool', [ctx.inputs[0]]) },
  adaptive_avgpool: {
    doc: '`AveragePool` when the size divides the input; otherwise PyTorch\'s unequal windows as two `MatMul`s (rows, then columns)',
    export(ctx) {
      const [, h, w] = ctx.inputShapes[0];
      const [oh, ow] = pair(ctx.node.attrs.size);
      if (h % oh === 0 && w % ow === 0) {
        const k = [h / oh, w / ow];
        return ctx.op('AveragePool', [ctx.inputs[0]], { kernel_shape: ints(k), strides: ints(k), pads: ints([0, 0, 0, 0]) });
      }
      // [oh, H] · x[N, C, H, W] → [N, C, oh, W]; then · [W, ow] → [N, C, oh, ow]
      const rows = ctx.op('MatMul', [ctx.floats(adaptiveMatrix(oh, h), [oh, h]), ctx.inputs[0]]);
      return ctx.op('MatMul', [rows, ctx.floats(transpose(adaptiveMatrix(ow, w), ow, w), [w, ow])]);
    },
  },
};
