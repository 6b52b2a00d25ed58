// Pooling: maxpool and avgpool (PyTorch's ceil_mode and count_include_pad), global_avgpool and
// adaptive_avgpool (PyTorch's window rule).
import { type OpSpec, type Attrs, type AttrSpec, formatShape, needsImage } from './op_spec.js';
import { windowOutput2d } from './window.js';

function windowAttrs(name: 'maxpool' | 'avgpool'): AttrSpec[] {
  const attrs: AttrSpec[] = [
    { name: 'kernel', type: 'int2', min: 1, doc: 'window size (n or [kh, kw])' },
    { name: 'stride', type: 'int2', min: 1, default: (a: Attrs) => a.kernel, doc: 'step between windows (default: kernel)' },
    { name: 'pad', type: 'int2', min: 0, default: 0, doc: `implicit padding on each side (${name === 'maxpool' ? '−∞' : '0'})` },
    { name: 'ceil', type: 'bool', default: false, doc: "round the output size up (PyTorch's ceil_mode): a last, partial window is kept when it starts inside the input" },
  ];
  if (name === 'avgpool') attrs.push({ name: 'count_pad', type: 'bool', default: true, doc: "padding counts in each window's mean (PyTorch's count_include_pad)" });
  return attrs;
}

function windowPool(name: 'maxpool' | 'avgpool', doc: string, what: string): OpSpec {
  return {
    name,
    family: 'pool',
    doc,
    docRow: { what, shape: "`[C,H,W] → [C,H',W']`", params: '—' },
    positional: 1,
    attrs: windowAttrs(name),
    inferShape(input, a) {
      const notImage = needsImage(name, input);
      if (notImage) return notImage;
      const kernel = a.kernel as number[];
      const pad = a.pad as number[];
      if (pad[0] * 2 > kernel[0] || pad[1] * 2 > kernel[1]) {
        return { error: 'NET4007', args: { op: name, pad: formatShape(pad), kernel: formatShape(kernel) }, attr: 'pad' };
      }
      // out = floor((in + 2·pad − k) / stride) + 1 per axis (ceil: rounded up, the last window starting inside)
      const out = windowOutput2d([input[1], input[2]], kernel, a.stride as number[], pad, [1, 1], a.ceil as boolean);
      if (!out.fits) return { error: 'NET3005', args: { op: name, window: out.window, padded: out.padded }, attr: 'kernel' };
      return { shape: [input[0], out.size[0], out.size[1]] };
    },
  };
}

export const maxpool = windowPool('maxpool', 'max over each window', 'max over windows (`nn.MaxPool2d`); padding is −∞');
export const avgpool = windowPool(
  'avgpool',
  'mean over each window, padding counted (count_include_pad) unless count_pad: false',
  'mean over windows (`nn.AvgPool2d`); padding counts unless `count_pad: false`',
);

export const globalAvgpool: OpSpec = {
  name: 'global_avgpool',
  family: 'pool',
  doc: 'mean over height and width: [C, H, W] -> [C, 1, 1]',
  docRow: { what: 'mean over height and width (`nn.AdaptiveAvgPool2d(1)`)', shape: '`[C,H,W] → [C,1,1]`', params: '—' },
  positional: 0,
  attrs: [],
  inferShape(input) {
    return needsImage('global_avgpool', input) ?? { shape: [input[0], 1, 1] };
  },
};

/** PyTorch's adaptive window i of `out` over `size`: [floor(i·size/out), ceil((i+1)·size/out)). */
export function adaptiveWindow(i: number, size: number, out: number): [number, number] {
  return [Math.floor((i * size) / out), Math.ceil(((i + 1) * size) / out)];
}

export const adaptiveAvgpool: OpSpec = {
  name: 'adaptive_avgpool',
  family: 'pool',
  doc: 'mean over windows chosen so the output has the given size',
  docRow: {
    what: 'mean over windows that give exactly the output size (`nn.AdaptiveAvgPool2d`): window `i` covers `[⌊i·H/h⌋, ⌈(i+1)·H/h⌉)`',
    shape: '`[C,H,W] → [C,h,w]`',
    params: '—',
  },
  positional: 1,
  attrs: [{ name: 'size', type: 'int2', min: 1, doc: 'output size (n or [h, w])' }],
  inferShape(input, a) {
    const [h, w] = a.size as number[];
    return needsImage('adaptive_avgpool', input) ?? { shape: [input[0], h, w] };
  },
};
