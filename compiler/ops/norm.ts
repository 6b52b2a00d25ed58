// Normalization: batchnorm (BatchNorm2d on images, BatchNorm1d on features) and lrn (AlexNet's LocalResponseNorm).
import { type OpSpec, needsImage } from './op_spec.js';

export const batchnorm: OpSpec = {
  name: 'batchnorm',
  family: 'norm',
  doc: 'batch normalization per channel (images) or per feature (flat)',
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
      { suffix: 'weight', shape: c, trainable: true, init: 'ones' },
      { suffix: 'bias', shape: c, trainable: true, init: 'zeros' },
      { suffix: 'running_mean', shape: c, trainable: false, init: 'zeros' },
      { suffix: 'running_var', shape: c, trainable: false, init: 'ones' },
    ];
  },
};

export const lrn: OpSpec = {
  name: 'lrn',
  family: 'norm',
  doc: 'local response normalization across channels (torch.nn.LocalResponseNorm)',
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
