// layerscale: a learned per-channel multiplier started at a given value (ConvNeXt's γ, CaiT's LayerScale).
import type { OpSpec } from './op_spec.js';

export const layerscale: OpSpec = {
  name: 'layerscale',
  family: 'norm',
  doc: 'multiplies each channel by a learned factor, started at init',
  docRow: { what: 'per-channel learned factor started at `init` (ConvNeXt\'s layer scale γ)', shape: 'unchanged', params: 'weight `[C]`' },
  positional: 1,
  attrs: [{ name: 'init', type: 'float', doc: 'starting value of every factor (ConvNeXt: 1e-6)' }],
  inferShape: (input) => ({ shape: input }),
  params: (input, a) => [{ suffix: 'weight', shape: [input[0]], trainable: true, init: 'constant', value: a.init as number, layout: 'vector' }],
};
