// upsample: enlarges height and width by an integer factor (torch.nn.Upsample; bilinear with
// align_corners=False, PyTorch's default).
import { type OpSpec, needsImage } from './op_spec.js';

export const upsample: OpSpec = {
  name: 'upsample',
  family: 'resize',
  doc: 'enlarges height and width by an integer factor',
  docRow: { what: 'repeats (`"nearest"`) or interpolates (`"bilinear"`, `align_corners=False`) pixels (`nn.Upsample`)', shape: '`[C,H,W] → [C,H·s,W·s]`', params: '—' },
  positional: 1,
  attrs: [
    { name: 'scale', type: 'int2', min: 1, doc: 'factor per axis (n or [sh, sw])' },
    { name: 'mode', type: 'choice', choices: ['nearest', 'bilinear'], default: 'nearest', doc: '"nearest" or "bilinear"' },
  ],
  inferShape(input, a) {
    const [sh, sw] = a.scale as number[];
    return needsImage('upsample', input) ?? { shape: [input[0], input[1] * sh, input[2] * sw] };
  },
};
