// Every IR op's PyTorch code, one table entry per op keyed by the compiler's op name: the nn.Module a layer
// with parameters becomes (its state_dict keys are the IR parameter suffixes) and the forward expression.
import type { IrNode } from '../../../compiler/ir.js';
import type { Shape } from '../../../compiler/ops/op_spec.js';

export interface LayerContext {
  node: IrNode;
  /** Per-example shapes of the node's inputs ([C, H, W] or [F]). */
  inShapes: Shape[];
  /** Python expressions of the node's inputs (variable names), in order. */
  inputs: string[];
  /** Python expression of the node's own module (`self.features['conv1']`), for layers with parameters. */
  module: string;
}

export interface LayerCode {
  /** The nn.Module constructor, for layers with parameters or buffers. */
  module?: (c: LayerContext) => string;
  /** The forward expression. netc semantics that differ from torch's defaults are spelled out explicitly. */
  forward: (c: LayerContext) => string;
  /** Helpers of python_helpers.ts the code uses. */
  helpers?: string[];
}

/** A Python literal: numbers keep full precision, booleans and tuples as Python writes them. */
export function py(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v); // JS and Python read the same shortest round-trip digits
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.length === 2 && v.every((x) => typeof x === 'number') ? `(${v.map(py).join(', ')})` : `[${v.map(py).join(', ')}]`;
  throw new Error(`no Python literal for ${JSON.stringify(v)}`);
}

const a = (c: LayerContext, name: string): string => py(c.node.attrs[name]);
const x = (c: LayerContext): string => c.inputs[0];
const isImage = (c: LayerContext): boolean => c.inShapes[0].length === 3;
const call = (c: LayerContext): string => `${c.module}(${x(c)})`;
const fn = (name: string, extra = ''): LayerCode => ({ forward: (c) => `${name}(${x(c)}${extra})` });

export const pytorchLayers: Record<string, LayerCode> = {
  // Structural ops the compiler emits.
  input: { forward: (c) => x(c) },
  add: { forward: (c) => c.inputs.join(' + ') },
  concat: { forward: (c) => `torch.cat([${c.inputs.join(', ')}], dim=1)` },
  scale: {
    // A flat [C] gate multiplies each channel of the [C, H, W] input; [C, 1, 1] and [C, H, W] gates broadcast.
    forward: (c) => (c.inShapes[1].length === 1 ? `${c.inputs[0]} * ${c.inputs[1]}[:, :, None, None]` : `${c.inputs[0]} * ${c.inputs[1]}`),
  },

  conv: {
    module: (c) =>
      `nn.Conv2d(${c.inShapes[0][0]}, ${a(c, 'channels')}, kernel_size=${a(c, 'kernel')}, stride=${a(c, 'stride')}, padding=${a(c, 'pad')}` +
      `${(c.node.attrs.dilation as number[]).some((d) => d !== 1) ? `, dilation=${a(c, 'dilation')}` : ''}${c.node.attrs.groups !== 1 ? `, groups=${a(c, 'groups')}` : ''}, bias=${a(c, 'bias')})`,
    forward: call,
  },
  conv_transpose: {
    module: (c) =>
      `nn.ConvTranspose2d(${c.inShapes[0][0]}, ${a(c, 'channels')}, kernel_size=${a(c, 'kernel')}, stride=${a(c, 'stride')}, padding=${a(c, 'pad')}, ` +
      `output_padding=${a(c, 'output_pad')}, bias=${a(c, 'bias')})`,
    forward: call,
  },
  maxpool: { forward: (c) => `F.max_pool2d(${x(c)}, kernel_size=${a(c, 'kernel')}, stride=${a(c, 'stride')}, padding=${a(c, 'pad')}, ceil_mode=${a(c, 'ceil')})` },
  avgpool: {
    forward: (c) =>
      `F.avg_pool2d(${x(c)}, kernel_size=${a(c, 'kernel')}, stride=${a(c, 'stride')}, padding=${a(c, 'pad')}, ceil_mode=${a(c, 'ceil')}, count_include_pad=${a(c, 'count_pad')})`,
  },
  global_avgpool: { forward: (c) => `F.adaptive_avg_pool2d(${x(c)}, 1)` },
  adaptive_avgpool: { forward: (c) => `F.adaptive_avg_pool2d(${x(c)}, ${a(c, 'size')})` },
  // netc flattens in PyTorch's C, H, W order, so NCHW's plain flatten is the same.
  flatten: { forward: (c) => `torch.flatten(${x(c)}, 1)` },
  // nn.Linear keeps PyTorch's [out, in] weight, which is netc's `dense` layout: no transpose.
  dense: { module: (c) => `nn.Linear(${c.inShapes[0][0]}, ${a(c, 'units')}, bias=${a(c, 'bias')})`, forward: call },
  dropout: { forward: (c) => `F.dropout(${x(c)}, p=${a(c, 'p')}, training=self.training)` },
  stochastic_depth: { forward: (c) => `stochastic_depth(${x(c)}, ${a(c, 'p')}, self.training)`, helpers: ['stochastic_depth'] },

  // netc's momentum is PyTorch's (new = (1 − m)·old + m·batch, unbiased batch variance), so it passes through.
  batchnorm: {
    module: (c) => `nn.BatchNorm${isImage(c) ? '2d' : '1d'}(${c.inShapes[0][0]}, eps=${a(c, 'eps')}, momentum=${a(c, 'momentum')})`,
    forward: call,
  },
  // On images netc normalizes over channels at each position (ConvNeXt's LayerNorm2d): channels last and back.
  layernorm: {
    module: (c) => `nn.LayerNorm(${c.inShapes[0][0]}, eps=${a(c, 'eps')})`,
    forward: (c) => (isImage(c) ? `${c.module}(${x(c)}.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)` : call(c)),
  },
  groupnorm: { module: (c) => `nn.GroupNorm(${a(c, 'groups')}, ${c.inShapes[0][0]}, eps=${a(c, 'eps')})`, forward: call },
  // netc's alpha is PyTorch's: divided by size inside (b = a / (k + alpha/size · Σa²)^beta).
  lrn: { forward: (c) => `F.local_response_norm(${x(c)}, size=${a(c, 'size')}, alpha=${a(c, 'alpha')}, beta=${a(c, 'beta')}, k=${a(c, 'k')})` },
  layerscale: { module: (c) => `LayerScale(${c.inShapes[0][0]}, ${a(c, 'init')})`, forward: call, helpers: ['LayerScale'] },

  relu: fn('F.relu'),
  sigmoid: fn('torch.sigmoid'),
  tanh: fn('torch.tanh'),
  relu6: fn('F.relu6'),
  leaky_relu: { forward: (c) => `F.leaky_relu(${x(c)}, negative_slope=${a(c, 'slope')})` },
  elu: { forward: (c) => `F.elu(${x(c)}, alpha=${a(c, 'alpha')})` },
  silu: fn('F.silu'),
  gelu: { forward: (c) => `F.gelu(${x(c)}, approximate=${a(c, 'approximate')})` },
  hardswish: fn('F.hardswish'),
  hardsigmoid: fn('F.hardsigmoid'),
  mish: fn('F.mish'),
  softmax: fn('F.softmax', ', dim=1'),
  identity: { forward: (c) => x(c) },

  channel_shuffle: { forward: (c) => `channel_shuffle(${x(c)}, ${a(c, 'groups')})`, helpers: ['channel_shuffle'] },
  slice: { forward: (c) => `${x(c)}[:, ${a(c, 'start')}:${a(c, 'end')}]` },
  upsample: {
    // The output size is given (not the factor), so torch computes source positions exactly as netc does.
    forward: (c) => {
      const [sh, sw] = c.node.attrs.scale as number[];
      const [, h, w] = c.inShapes[0];
      const align = c.node.attrs.mode === 'bilinear' ? ', align_corners=False' : '';
      return `F.interpolate(${x(c)}, size=(${h * sh}, ${w * sw}), mode=${a(c, 'mode')}${align})`;
    },
  },
};
