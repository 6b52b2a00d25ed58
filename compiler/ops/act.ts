// Element-wise activations (and identity); softmax runs over channels (dim 1 in PyTorch's NCHW).
import type { OpSpec } from './op_spec.js';

function activation(name: string, doc: string): OpSpec {
  return { name, family: 'act', doc, positional: 0, attrs: [], inferShape: (input) => ({ shape: input }) };
}

export const relu = activation('relu', 'max(x, 0)');
export const sigmoid = activation('sigmoid', '1 / (1 + e^−x)');
export const tanh = activation('tanh', 'hyperbolic tangent');
export const softmax = activation('softmax', 'softmax over features (flat) or channels (images)');
export const identity = activation('identity', 'passes its input through (a concat branch that keeps the input)');
