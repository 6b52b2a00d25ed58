// conv: 2-D convolution with stride, padding, dilation, groups and optional bias (torch.nn.Conv2d).
import { type OpSpec, type Attrs, type AttrSpec, formatShape, needsImage, divisors } from './op_spec.js';
import { windowOutput2d } from './window.js';

const pair = (a: Attrs, k: string) => a[k] as number[];

/** The attributes conv and conv_transpose share. */
export const channelsAttr: AttrSpec = { name: 'channels', type: 'int', min: 1, doc: 'output channels' };
export const kernelAttr: AttrSpec = { name: 'kernel', type: 'int2', min: 1, doc: 'kernel size (n or [kh, kw])' };
export const biasAttr: AttrSpec = { name: 'bias', type: 'bool', default: true, doc: 'add a learned bias per output channel' };

export const conv: OpSpec = {
  name: 'conv',
  family: 'conv',
  doc: '2-D convolution; output channels first, then kernel',
  docRow: { what: '2-D convolution (`nn.Conv2d`)', shape: "`[C,H,W] → [channels,H',W']`", params: 'weight `[channels, C/groups, kh, kw]`, bias `[channels]`' },
  fusion: 'producer',
  positional: 2,
  attrs: [
    channelsAttr,
    kernelAttr,
    { name: 'stride', type: 'int2', min: 1, default: 1, doc: 'step between windows' },
    { name: 'pad', type: 'int2', min: 0, default: 0, doc: 'zero padding on each side' },
    { name: 'dilation', type: 'int2', min: 1, default: 1, doc: 'spacing between kernel taps' },
    { name: 'groups', type: 'int', min: 1, default: 1, doc: 'channel groups (channels = groups: depthwise)' },
    biasAttr,
  ],
  inferShape(input, a) {
    const notImage = needsImage('conv', input);
    if (notImage) return notImage;
    const groups = a.groups as number;
    const [inC, h, w] = input;
    const outC = a.channels as number;
    if (inC % groups !== 0) return { error: 'NET3007', args: { groups, which: 'input', channels: inC, choices: divisors(inC) }, attr: 'groups' };
    if (outC % groups !== 0) return { error: 'NET3007', args: { groups, which: 'output', channels: outC, choices: divisors(outC) }, attr: 'groups' };
    // out = floor((in + 2·pad − dilation·(k − 1) − 1) / stride) + 1, per axis
    const out = windowOutput2d([h, w], pair(a, 'kernel'), pair(a, 'stride'), pair(a, 'pad'), pair(a, 'dilation'));
    if (!out.fits) return { error: 'NET3005', args: { op: 'conv', window: out.window, padded: out.padded, shape: formatShape(input) }, attr: 'kernel' };
    return { shape: [outC, out.size[0], out.size[1]] };
  },
  params(input, a) {
    const [kh, kw] = pair(a, 'kernel');
    const inPerGroup = input[0] / (a.groups as number);
    const fanIn = inPerGroup * kh * kw;
    const outC = a.channels as number;
    // groups = in channels (> 1) runs as a depthwise conv, whose filter tfjs lays out differently.
    const layout = a.groups === input[0] && input[0] > 1 ? ('depthwise' as const) : ('conv' as const);
    const weight = { suffix: 'weight', shape: [outC, inPerGroup, kh, kw], trainable: true, init: 'kaiming_uniform' as const, fanIn, layout };
    if (!a.bias) return [weight];
    return [weight, { suffix: 'bias', shape: [outC], trainable: true, init: 'fan_in_uniform' as const, fanIn, layout: 'vector' as const }];
  },
  macs(input, output, a) {
    const [kh, kw] = pair(a, 'kernel');
    return output[0] * output[1] * output[2] * (input[0] / (a.groups as number)) * kh * kw;
  },
};
