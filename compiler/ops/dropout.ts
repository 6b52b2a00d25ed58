// dropout: zeroes each value with probability p while training (scaling the rest by 1/(1−p)); identity in eval.
import type { OpSpec } from './op_spec.js';

export const dropout: OpSpec = {
  name: 'dropout',
  family: 'dropout',
  doc: 'random zeroing while training',
  positional: 1,
  attrs: [{ name: 'p', type: 'float', min: 0, below: 1, default: 0.5, doc: 'probability of zeroing' }],
  inferShape: (input) => ({ shape: input }),
};
