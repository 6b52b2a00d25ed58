// Normalization: batchnorm (BatchNorm2d on images, BatchNorm1d on features), layernorm over channels
// (ConvNeXt's LayerNorm2d; nn.LayerNorm on features), groupnorm, and lrn (AlexNet's LocalResponseNorm).
import { type OpSpec, type ParamSpec, divisors, needsImage } from './op_spec.js';

/** A learned per-channel scale (ones) and shift (zeros), as every PyTorch norm with elementwise_affine has. */
function affine(channels: number): ParamSpec[] {
  return [
    { suffix: 'weight', shape: [channels], trainable: true, init: 'ones', layout: 'vector' },
    { suffix: 'bias', shape: [channels], trainable: true, init: 'zeros', layout: 'vector' },
  ];
}

export const batchnorm: OpSpec = {
  name: 'batchnorm',
  family: 'norm',
  doc: 'batch normalization per channel (images) or per feature (flat)',
  docRow: { what: 'per channel over the batch (`BatchNorm2d`), or per feature (`BatchNorm1d`)', shape: 'unchanged', params: 'weight, bias; buffers running_mean, running_var' },
  positional: 0,
  attrs: [
    { name: 'eps', type: 'float', min: 0, default: 1e-5, doc: 'added to the variance' },
    { name: 'momentum', type: 'float', min: 0, below: 1.000001, default: 0.1, doc: 'running-stat update: new = (1 − m)·old + m·batch' },
  ],
  inferShape(input) {
    return { shape: input };
  },
  params(input) {
    const c = [input[0]];
    return [
      ...affine(input[0]),
      { suffix: 'running_mean', shape: c, trainable: false, init: 'zeros', layout: 'vector' },
      { suffix: 'running_var', shape: c, trainable: false, init: 'ones', layout: 'vector' },
    ];
  },
};

export const layernorm: OpSpec = {
  name: 'layernorm',
  family: 'norm',
  doc: 'layer normalization over channels at each position (or over the features of a flat input)',
  docRow: {
    what: 'normalizes over channels at each position (ConvNeXt\'s `LayerNorm2d`, = `nn.LayerNorm(C)` channels-last), or over features',
    shape: 'unchanged',
    params: 'weight `[C]`, bias `[C]`',
  },
  positional: 0,
  attrs: [{ name: 'eps', type: 'float', min: 0, default: 1e-5, doc: 'added to the variance (ConvNeXt uses 1e-6)' }],
  inferShape: (input) => ({ shape: input }),
  params: (input) => affine(input[0]),
};

export const groupnorm: OpSpec = {
  name: 'groupnorm',
  family: 'norm',
  doc: 'group normalization: over each group of channels and all positions, per example',
  docRow: { what: 'normalizes each group of `C/groups` channels (or features) over them and all positions (`nn.GroupNorm`)', shape: 'unchanged', params: 'weight `[C]`, bias `[C]`' },
  positional: 1,
  attrs: [
    { name: 'groups', type: 'int', min: 1, doc: 'number of channel groups (must divide the channels)' },
    { name: 'eps', type: 'float', min: 0, default: 1e-5, doc: 'added to the variance' },
  ],
  inferShape(input, a) {
    const groups = a.groups as number;
    if (input[0] % groups !== 0) return { error: 'NET3007', args: { groups, which: 'input', channels: input[0], choices: divisors(input[0]) }, attr: 'groups' };
    return { shape: input };
  },
  params: (input) => affine(input[0]),
};

export const lrn: OpSpec = {
  name: 'lrn',
  family: 'norm',
  doc: 'local response normalization across channels (torch.nn.LocalResponseNorm)',
  docRow: { what: 'local response normalization across channels (`nn.LocalResponseNorm`; AlexNet used k 2)', shape: 'unchanged', params: '—' },
  positional: 1,
  attrs: [
    { name: 'size', type: 'int', min: 1, doc: 'channels in the window' },
    { name: 'alpha', type: 'float', default: 1e-4, doc: 'scale (divided by size, as PyTorch)' },
    { name: 'beta', type: 'float', default: 0.75, doc: 'exponent' },
    { name: 'k', type: 'float', default: 1, doc: 'additive constant' },
  ],
  inferShape(input) {
    return needsImage('lrn', input) ?? { shape: input };
  },
};
