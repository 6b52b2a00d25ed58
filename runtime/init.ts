// PyTorch's default initialization, drawn from netc's seeded RNG (identical on every backend):
// kaiming_uniform(a=√5) for weights, whose bound works out to 1/√fan_in, and U(±1/√fan_in) for biases.
import type { IrParam } from '../compiler/ir.js';
import type { Rng } from './rng.js';

export type InitScheme = 'pytorch' | 'd2l';
export const initChoices: InitScheme[] = ['pytorch', 'd2l'];

/** `d2l`: D2L's init_cnn — xavier-uniform for every conv and dense weight, PyTorch's defaults elsewhere. */
export function initialValues(param: IrParam, rng: Rng, scheme: InitScheme = 'pytorch'): Float32Array {
  const n = param.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  if (scheme === 'd2l' && param.init === 'kaiming_uniform') {
    // xavier_uniform: bound = √(6 / (fan_in + fan_out)); fan_out = out · receptive field (PyTorch's rule).
    const receptive = param.shape.slice(2).reduce((a, b) => a * b, 1);
    const bound = Math.sqrt(6 / (param.shape[1] * receptive + param.shape[0] * receptive));
    for (let i = 0; i < n; i++) values[i] = rng.uniform(-bound, bound);
    return values;
  }
  switch (param.init) {
    case 'zeros':
      return values;
    case 'ones':
      return values.fill(1);
    case 'constant':
      return values.fill(param.value ?? 0);
    case 'kaiming_uniform':
    case 'fan_in_uniform': {
      // kaiming_uniform: gain √(2 / (1 + a²)) = √(1/3) with a = √5; bound = gain·√(3 / fan_in) = 1/√fan_in.
      const bound = 1 / Math.sqrt(param.fanIn ?? 1);
      for (let i = 0; i < n; i++) values[i] = rng.uniform(-bound, bound);
      return values;
    }
  }
}
