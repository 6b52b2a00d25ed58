// dropout: zeroes each value with probability p while training (scaling the rest by 1/(1−p)); identity in eval.
// stochastic_depth: drops a whole residual branch per example (torchvision's "row" mode), identity in eval.
import type { OpSpec } from './op_spec.js';

export const dropout: OpSpec = {
  name: 'dropout',
  family: 'dropout',
  doc: 'random zeroing while training',
  docRow: { what: 'zeroes values with probability `p` while training (`nn.Dropout`)', shape: 'unchanged', params: '—' },
  positional: 1,
  attrs: [{ name: 'p', type: 'float', min: 0, below: 1, default: 0.5, doc: 'probability of zeroing' }],
  inferShape: (input) => ({ shape: input }),
};

export const stochasticDepth: OpSpec = {
  name: 'stochastic_depth',
  family: 'dropout',
  doc: 'zeroes the whole input of an example with probability p while training (scaling survivors by 1/(1−p))',
  docRow: {
    what: 'drops each example\'s whole value with probability `p` while training (torchvision\'s `StochasticDepth(p, "row")`): end a `residual` body with it',
    shape: 'unchanged',
    params: '—',
  },
  positional: 1,
  attrs: [{ name: 'p', type: 'float', min: 0, below: 1, doc: 'probability of dropping the branch' }],
  inferShape: (input) => ({ shape: input }),
};
