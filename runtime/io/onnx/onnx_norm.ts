// ONNX export of normalization: batchnorm as BatchNormalization with the IR's ε and ONNX's momentum (1 − PyTorch's),
// never folded, so its four tensors keep their names; layernorm and groupnorm as ReduceMean compositions (opset 13
// has no LayerNormalization); lrn as LRN where its window is ONNX's, layerscale as Mul.
import { float, int, ints } from './onnx_graph.js';
import type { OnnxContext, OnnxExportTable } from './onnx_ops.js';

/** (x − mean) / √(var + ε) over `axes`, with the biased variance (PyTorch's). */
function normalize(ctx: OnnxContext, x: string, axes: number[], eps: number): string {
  const mean = ctx.op('ReduceMean', [x], { axes: ints(axes), keepdims: int(1) });
  const centered = ctx.op('Sub', [x, mean]);
  const variance = ctx.op('ReduceMean', [ctx.op('Mul', [centered, centered])], { axes: ints(axes), keepdims: int(1) });
  return ctx.op('Div', [centered, ctx.op('Sqrt', [ctx.op('Add', [variance, ctx.floats([eps], [])])])]);
}

const affine = (ctx: OnnxContext, x: string) => ctx.op('Add', [ctx.op('Mul', [x, ctx.channelParam('weight')]), ctx.channelParam('bias')]);

export const normExports: OnnxExportTable = {
  batchnorm: {
    doc: '`BatchNormalization` (inference) with the running statistics, `epsilon` = `eps`, `momentum` = 1 − `momentum`',
    export(ctx) {
      const a = ctx.node.attrs;
      const inputs = ['weight', 'bias', 'running_mean', 'running_var'].map((s) => ctx.param(s));
      // ONNX: running = running·momentum + batch·(1 − momentum); PyTorch: running·(1 − m) + batch·m.
      return ctx.op('BatchNormalization', [ctx.inputs[0], ...inputs], { epsilon: float(a.eps as number), momentum: float(1 - (a.momentum as number)) });
    },
  },
  layernorm: {
    doc: '`ReduceMean`/`Sub`/`Mul`/`Sqrt`/`Div` over axis 1 (channels at each position, or features), then `Mul` + `Add`',
    export: (ctx) => affine(ctx, normalize(ctx, ctx.inputs[0], [1], ctx.node.attrs.eps as number)),
  },
  groupnorm: {
    doc: '`Reshape` to `[N, groups, −1]`, the layernorm composition over axis 2, `Reshape` back, then `Mul` + `Add`',
    export(ctx) {
      const groups = ctx.node.attrs.groups as number;
      const grouped = ctx.op('Reshape', [ctx.inputs[0], ctx.int64s([0, groups, -1])]);
      const normalized = normalize(ctx, grouped, [2], ctx.node.attrs.eps as number);
      return affine(ctx, ctx.op('Reshape', [normalized, ctx.int64s([0, ...ctx.node.shape])]));
    },
  },
  lrn: {
    doc: '`LRN` (`alpha`, `beta`, `bias` = `k`, `size`: ONNX also divides α by size) for odd sizes; even sizes, whose window ONNX centres one channel later than PyTorch, as x / (k + α/n·Σ x²)^β with the sum a `Conv` over channels',
    export(ctx) {
      const a = ctx.node.attrs;
      const [n, alpha, beta, k] = [a.size, a.alpha, a.beta, a.k] as number[];
      if (n % 2 === 1) return ctx.op('LRN', [ctx.inputs[0]], { size: int(n), alpha: float(alpha), beta: float(beta), bias: float(k) });
      // PyTorch's window: channels [c − ⌊n/2⌋, c + ⌊(n − 1)/2⌋]; ONNX's: [c − ⌊(n − 1)/2⌋, c + ⌈(n − 1)/2⌉].
      const [c, h, w] = ctx.node.shape;
      const squares = ctx.op('Reshape', [ctx.op('Mul', [ctx.inputs[0], ctx.inputs[0]]), ctx.int64s([0, 1, c, h * w])]);
      const window = ctx.op('Conv', [squares, ctx.floats(new Float32Array(n).fill(1), [1, 1, n, 1])], { kernel_shape: ints([n, 1]), pads: ints([Math.floor(n / 2), 0, Math.floor((n - 1) / 2), 0]) });
      const sum = ctx.op('Reshape', [window, ctx.int64s([0, c, h, w])]);
      const base = ctx.op('Add', [ctx.op('Mul', [sum, ctx.floats([alpha / n], [])]), ctx.floats([k], [])]);
      return ctx.op('Div', [ctx.inputs[0], ctx.op('Pow', [base, ctx.floats([beta], [])])]);
    },
  },
  layerscale: { doc: '`Mul` by the `[C]` weight (reshaped to `[C, 1, 1]`)', export: (ctx) => ctx.op('Mul', [ctx.inputs[0], ctx.channelParam('weight')]) },
};
