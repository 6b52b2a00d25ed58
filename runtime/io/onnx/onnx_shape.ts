// ONNX export of what moves values around: the structural input/add/concat/scale, flatten (NCHW order, PyTorch's),
// slice, channel_shuffle, upsample (Resize with PyTorch's coordinate rules), and dropout/stochastic_depth, which
// are the identity in eval and add no node.
import { type OnnxAttr, int, ints, str } from './onnx_graph.js';
import type { OnnxExportTable } from './onnx_ops.js';

const pair = (v: unknown) => v as [number, number];

export const shapeExports: OnnxExportTable = {
  input: { doc: 'the graph input `input`: `[N, C, H, W]` (or `[N, F]`), `N` symbolic', export: (ctx) => ctx.graphInput },
  add: { doc: '`Add`', export: (ctx) => ctx.op('Add', ctx.inputs) },
  concat: { doc: '`Concat` on axis 1', export: (ctx) => ctx.op('Concat', ctx.inputs, { axis: int(1) }) },
  scale: {
    doc: '`Mul` of the input by the gate (a `[N, C]` gate `Reshape`d to `[N, C, 1, 1]`)',
    export(ctx) {
      const [x, gate] = ctx.inputs;
      const [inShape, gateShape] = ctx.inputShapes;
      const g = gateShape.length === 1 && inShape.length === 3 ? ctx.op('Reshape', [gate, ctx.int64s([0, gateShape[0], 1, 1])]) : gate;
      return ctx.op('Mul', [x, g]);
    },
  },
  flatten: {
    doc: '`Flatten` (axis 1) of the NCHW value: C, H, W order, as PyTorch; nothing on a flat input',
    export: (ctx) => (ctx.inputShapes[0].length === 3 ? ctx.op('Flatten', [ctx.inputs[0]], { axis: int(1) }) : ctx.inputs[0]),
  },
  slice: {
    doc: '`Slice` of axis 1 from `start` to `end`',
    export: (ctx) => ctx.op('Slice', [ctx.inputs[0], ctx.int64s([ctx.node.attrs.start as number]), ctx.int64s([ctx.node.attrs.end as number]), ctx.int64s([1])]),
  },
  channel_shuffle: {
    doc: '`Reshape` to `[N, g, C/g, H, W]`, `Transpose` (0, 2, 1, 3, 4), `Reshape` back',
    export(ctx) {
      const g = ctx.node.attrs.groups as number;
      const [c, h, w] = ctx.node.shape;
      const grouped = ctx.op('Reshape', [ctx.inputs[0], ctx.int64s([0, g, c / g, h, w])]);
      const swapped = ctx.op('Transpose', [grouped], { perm: ints([0, 2, 1, 3, 4]) });
      return ctx.op('Reshape', [swapped, ctx.int64s([0, c, h, w])]);
    },
  },
  upsample: {
    doc: '`Resize` by `scales` [1, 1, sh, sw]: "nearest" with `asymmetric` coordinates and `floor` (source ⌊dst/s⌋), "bilinear" as `linear` with `half_pixel` (PyTorch\'s `align_corners=False`)',
    export(ctx) {
      const [sh, sw] = pair(ctx.node.attrs.scale);
      const attrs: Record<string, OnnxAttr> =
        ctx.node.attrs.mode === 'bilinear'
          ? { mode: str('linear'), coordinate_transformation_mode: str('half_pixel') }
          : { mode: str('nearest'), coordinate_transformation_mode: str('asymmetric'), nearest_mode: str('floor') };
      return ctx.op('Resize', [ctx.inputs[0], '', ctx.floats([1, 1, sh, sw], [4])], attrs);
    },
  },
  dropout: { doc: 'nothing (the identity in eval)', export: (ctx) => ctx.inputs[0] },
  stochastic_depth: { doc: 'nothing (the identity in eval)', export: (ctx) => ctx.inputs[0] },
};
