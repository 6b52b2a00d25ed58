// dense: fully connected layer on a flat input (torch.nn.Linear).
import { type OpSpec, formatShape } from './op_spec.js';

export const dense: OpSpec = {
  name: 'dense',
  family: 'dense',
  doc: 'fully connected layer: [F] -> [units]',
  docRow: { what: 'fully connected (`nn.Linear`)', shape: '`[F] → [units]`', params: 'weight `[units, F]`, bias `[units]`' },
  fusion: 'producer',
  positional: 1,
  attrs: [
    { name: 'units', type: 'int', min: 1, doc: 'output features' },
    { name: 'bias', type: 'bool', default: true, doc: 'add a learned bias' },
  ],
  inferShape(input, a) {
    if (input.length !== 1) return { error: 'NET3004', args: { op: 'dense', shape: formatShape(input) } };
    return { shape: [a.units as number] };
  },
  params(input, a) {
    const units = a.units as number;
    const weight = { suffix: 'weight', shape: [units, input[0]], trainable: true, init: 'kaiming_uniform' as const, fanIn: input[0], layout: 'dense' as const };
    if (!a.bias) return [weight];
    return [weight, { suffix: 'bias', shape: [units], trainable: true, init: 'fan_in_uniform' as const, fanIn: input[0], layout: 'vector' as const }];
  },
  macs(input, output) {
    return input[0] * output[0];
  },
};
