// flatten: [C, H, W] -> [C·H·W] in C, H, W order (PyTorch's), so dense weights line up with PyTorch's.
import { type OpSpec, product } from './op_spec.js';

export const flatten: OpSpec = {
  name: 'flatten',
  family: 'reshape',
  doc: '[C, H, W] -> [C·H·W], channel-major like PyTorch',
  docRow: { what: 'C, H, W order, as PyTorch (`nn.Flatten`)', shape: '`[C,H,W] → [C·H·W]`', params: '—' },
  positional: 0,
  attrs: [],
  inferShape: (input) => ({ shape: [product(input)] }),
};
