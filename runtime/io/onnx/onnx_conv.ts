// ONNX export of the producers: conv and conv_transpose (weights in PyTorch's layout are ONNX's), dense as Gemm
// with transB (PyTorch's [out, in] weight, not transposed on export).
import { int, ints, pads } from './onnx_graph.js';
import type { OnnxContext, OnnxExportTable } from './onnx_ops.js';

const pair = (v: unknown) => v as [number, number];
const withBias = (ctx: OnnxContext) => [ctx.param('weight'), ...(ctx.node.attrs.bias ? [ctx.param('bias')] : [])];

export const convExports: OnnxExportTable = {
  conv: {
    doc: '`Conv` (explicit `pads`, `strides`, `dilations`, `group`); depthwise is `group` = channels',
    export(ctx) {
      const a = ctx.node.attrs;
      return ctx.op('Conv', [ctx.inputs[0], ...withBias(ctx)], {
        kernel_shape: ints(pair(a.kernel)),
        strides: ints(pair(a.stride)),
        pads: pads(pair(a.pad)),
        dilations: ints(pair(a.dilation)),
        group: int(a.groups as number),
      });
    },
  },
  conv_transpose: {
    doc: '`ConvTranspose` (explicit `pads`, `strides`, `output_padding`); weight `[C, channels, kh, kw]` as PyTorch',
    export(ctx) {
      const a = ctx.node.attrs;
      return ctx.op('ConvTranspose', [ctx.inputs[0], ...withBias(ctx)], {
        kernel_shape: ints(pair(a.kernel)),
        strides: ints(pair(a.stride)),
        pads: pads(pair(a.pad)),
        output_padding: ints(pair(a.output_pad)),
      });
    },
  },
  dense: {
    doc: '`Gemm` with `transB = 1` on the `[units, F]` weight (not transposed in the file)',
    export: (ctx) => ctx.op('Gemm', [ctx.inputs[0], ...withBias(ctx)], { transB: int(1) }),
  },
};
