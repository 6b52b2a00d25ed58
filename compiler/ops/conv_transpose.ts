// conv_transpose: the transposed 2-D convolution (torch.nn.ConvTranspose2d, groups = dilation = 1), the
// gradient of a conv with respect to its input: it upsamples by its stride.
import { type OpSpec, type Attrs, formatShape, needsImage } from './op_spec.js';
import { biasAttr, channelsAttr, kernelAttr } from './conv.js';

const pair = (a: Attrs, k: string) => a[k] as number[];

export const convTranspose: OpSpec = {
  name: 'conv_transpose',
  family: 'conv',
  doc: 'transposed 2-D convolution (upsamples by its stride)',
  docRow: {
    what: 'transposed convolution (`nn.ConvTranspose2d`); `output_pad` adds rows and columns at the bottom and right',
    shape: "`[C,H,W] → [channels,H',W']`, `H' = (H − 1)·stride − 2·pad + kernel + output_pad`",
    params: 'weight `[C, channels, kh, kw]`, bias `[channels]`',
  },
  positional: 2,
  attrs: [
    channelsAttr,
    kernelAttr,
    { name: 'stride', type: 'int2', min: 1, default: 1, doc: 'upsampling factor' },
    { name: 'pad', type: 'int2', min: 0, default: 0, doc: 'rows and columns removed from each side of the full output' },
    { name: 'output_pad', type: 'int2', min: 0, default: 0, doc: 'extra rows and columns at the bottom and right (less than stride)' },
    biasAttr,
  ],
  inferShape(input, a) {
    const notImage = needsImage('conv_transpose', input);
    if (notImage) return notImage;
    const [k, s, p, op] = [pair(a, 'kernel'), pair(a, 'stride'), pair(a, 'pad'), pair(a, 'output_pad')];
    if (op[0] >= s[0] || op[1] >= s[1]) return { error: 'NET4009', args: { op: 'conv_transpose', outputPad: formatShape(op), stride: formatShape(s) }, attr: 'output_pad' };
    // out = (in − 1)·stride − 2·pad + kernel + output_pad, per axis
    const out = [0, 1].map((i) => (input[i + 1] - 1) * s[i] - 2 * p[i] + k[i] + op[i]);
    if (out[0] < 1 || out[1] < 1) return { error: 'NET3016', args: { op: 'conv_transpose', size: `${out[0]}×${out[1]}`, pad: formatShape(p) }, attr: 'pad' };
    return { shape: [a.channels as number, out[0], out[1]] };
  },
  params(input, a) {
    const [kh, kw] = pair(a, 'kernel');
    const outC = a.channels as number;
    // PyTorch's fan-in for ConvTranspose2d's init is weight.size(1)·kh·kw = out channels·kh·kw.
    const fanIn = outC * kh * kw;
    const weight = { suffix: 'weight', shape: [input[0], outC, kh, kw], trainable: true, init: 'kaiming_uniform' as const, fanIn, layout: 'conv_transpose' as const };
    if (!a.bias) return [weight];
    return [weight, { suffix: 'bias', shape: [outC], trainable: true, init: 'fan_in_uniform' as const, fanIn, layout: 'vector' as const }];
  },
  macs(input, _output, a) {
    // Every input value meets every tap of its filter once: C_in·H·W·(C_out·kh·kw).
    const [kh, kw] = pair(a, 'kernel');
    return input[0] * input[1] * input[2] * (a.channels as number) * kh * kw;
  },
};
