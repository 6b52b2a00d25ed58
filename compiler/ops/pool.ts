// Pooling: maxpool, avgpool (counts padding, as PyTorch's default) and global_avgpool.
import { type OpSpec, type Attrs, type AttrSpec, formatShape, needsImage } from './op_spec.js';
import { windowOutput2d } from './window.js';

const windowAttrs: AttrSpec[] = [
  { name: 'kernel', type: 'int2', min: 1, doc: 'window size (n or [kh, kw])' },
  { name: 'stride', type: 'int2', min: 1, default: (a: Attrs) => a.kernel, doc: 'step between windows (default: kernel)' },
  { name: 'pad', type: 'int2', min: 0, default: 0, doc: 'implicit padding on each side (-∞ for max, 0 for avg)' },
];

function windowPool(name: 'maxpool' | 'avgpool', doc: string): OpSpec {
  return {
    name,
    family: 'pool',
    doc,
    positional: 1,
    attrs: windowAttrs,
    inferShape(input, a) {
      const notImage = needsImage(name, input);
      if (notImage) return notImage;
      const kernel = a.kernel as number[];
      const pad = a.pad as number[];
      if (pad[0] * 2 > kernel[0] || pad[1] * 2 > kernel[1]) {
        return { error: 'NET4007', args: { op: name, pad: formatShape(pad), kernel: formatShape(kernel) }, attr: 'pad' };
      }
      // out = floor((in + 2·pad − k) / stride) + 1, per axis
      const out = windowOutput2d([input[1], input[2]], kernel, a.stride as number[], pad);
      if (!out.fits) return { error: 'NET3005', args: { op: name, window: out.window, padded: out.padded }, attr: 'kernel' };
      return { shape: [input[0], out.size[0], out.size[1]] };
    },
  };
}

export const maxpool = windowPool('maxpool', 'max over each window');
export const avgpool = windowPool('avgpool', 'mean over each window, padding counted (count_include_pad)');

export const globalAvgpool: OpSpec = {
  name: 'global_avgpool',
  family: 'pool',
  doc: 'mean over height and width: [C, H, W] -> [C, 1, 1]',
  positional: 0,
  attrs: [],
  inferShape(input) {
    return needsImage('global_avgpool', input) ?? { shape: [input[0], 1, 1] };
  },
};
