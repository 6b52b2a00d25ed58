// ONNX export of the activations at opset 13: native ops where ONNX has them with PyTorch's constants, compositions
// otherwise (silu, gelu — exact erf or tanh —, hardswish as HardSigmoid(α = 1/6)·x, mish; HardSwish, Mish and Gelu
// ops are later opsets).
import { float, int } from './onnx_graph.js';
import type { OnnxContext, OnnxExport, OnnxExportTable } from './onnx_ops.js';

const unary = (opType: string, doc = `\`${opType}\``): OnnxExport => ({ doc, export: (ctx) => ctx.op(opType, [ctx.inputs[0]]) });
const scalar = (ctx: OnnxContext, v: number) => ctx.floats([v], []);
/** HardSigmoid with PyTorch's constants, relu6(x + 3)/6 (ONNX's defaults are α = 0.2, β = 0.5). */
const hardSigmoid = (ctx: OnnxContext) => ctx.op('HardSigmoid', [ctx.inputs[0]], { alpha: float(1 / 6), beta: float(0.5) });

export const actExports: OnnxExportTable = {
  relu: unary('Relu'),
  sigmoid: unary('Sigmoid'),
  tanh: unary('Tanh'),
  relu6: { doc: '`Clip` to [0, 6]', export: (ctx) => ctx.op('Clip', [ctx.inputs[0], scalar(ctx, 0), scalar(ctx, 6)]) },
  leaky_relu: { doc: '`LeakyRelu` (`alpha` = `slope`)', export: (ctx) => ctx.op('LeakyRelu', [ctx.inputs[0]], { alpha: float(ctx.node.attrs.slope as number) }) },
  elu: { doc: '`Elu` (`alpha`)', export: (ctx) => ctx.op('Elu', [ctx.inputs[0]], { alpha: float(ctx.node.attrs.alpha as number) }) },
  silu: { doc: '`Sigmoid` · x', export: (ctx) => ctx.op('Mul', [ctx.inputs[0], ctx.op('Sigmoid', [ctx.inputs[0]])]) },
  gelu: {
    doc: '"none": x · (1 + `Erf`(x/√2)) / 2; "tanh": x · (1 + `Tanh`(√(2/π)·(x + 0.044715·x³))) / 2',
    export(ctx) {
      const x = ctx.inputs[0];
      const inner =
        ctx.node.attrs.approximate === 'tanh'
          ? ctx.op('Tanh', [ctx.op('Mul', [ctx.op('Add', [x, ctx.op('Mul', [ctx.op('Mul', [ctx.op('Mul', [x, x]), x]), scalar(ctx, 0.044715)])]), scalar(ctx, Math.sqrt(2 / Math.PI))])])
          : ctx.op('Erf', [ctx.op('Div', [x, scalar(ctx, Math.SQRT2)])]);
      return ctx.op('Mul', [ctx.op('Mul', [x, ctx.op('Add', [inner, scalar(ctx, 1)])]), scalar(ctx, 0.5)]);
    },
  },
  hardswish: { doc: '`HardSigmoid`(α = 1/6, β = 0.5) · x', export: (ctx) => ctx.op('Mul', [ctx.inputs[0], hardSigmoid(ctx)]) },
  hardsigmoid: { doc: '`HardSigmoid` with α = 1/6, β = 0.5 (not ONNX\'s default 0.2)', export: hardSigmoid },
  mish: { doc: '`Tanh`(`Softplus`(x)) · x', export: (ctx) => ctx.op('Mul', [ctx.inputs[0], ctx.op('Tanh', [ctx.op('Softplus', [ctx.inputs[0]])])]) },
  softmax: { doc: '`Softmax` over axis 1 (channels or features)', export: (ctx) => ctx.op('Softmax', [ctx.inputs[0]], { axis: int(1) }) },
  identity: { doc: 'nothing (its input passes through)', export: (ctx) => ctx.inputs[0] },
};
