// Element-wise activations (and identity), with PyTorch's formulas and defaults; softmax runs over channels
// (dim 1 in PyTorch's NCHW). One entry each: the runtime's activation table gives their kernels.
import type { AttrSpec, OpSpec } from './op_spec.js';

function activation(name: string, doc: string, torch: string, attrs: AttrSpec[] = [], positional = 0): OpSpec {
  return {
    name,
    family: 'act',
    doc,
    docRow: { what: `${doc} (${torch})`, shape: 'unchanged', params: '—' },
    fusion: name === 'softmax' || name === 'identity' ? undefined : 'activation',
    positional,
    attrs,
    inferShape: (input) => ({ shape: input }),
  };
}

export const relu = activation('relu', 'max(x, 0)', '`nn.ReLU`');
export const sigmoid = activation('sigmoid', '1 / (1 + e^−x)', '`nn.Sigmoid`');
export const tanh = activation('tanh', 'hyperbolic tangent', '`nn.Tanh`');
export const softmax = activation('softmax', 'softmax over features (flat) or channels (images)', '`nn.Softmax(dim=1)`');
export const identity = activation('identity', 'passes its input through (a concat branch that keeps the input)', '`nn.Identity`');
export const relu6 = activation('relu6', 'min(max(x, 0), 6)', '`nn.ReLU6`; MobileNetV2');
export const leakyRelu = activation('leaky_relu', 'x if x > 0, else slope·x', '`nn.LeakyReLU`', [
  { name: 'slope', type: 'float', default: 0.01, doc: 'slope for negative inputs (negative_slope)' },
], 1);
export const elu = activation('elu', 'x if x > 0, else alpha·(e^x − 1)', '`nn.ELU`', [{ name: 'alpha', type: 'float', min: 0, default: 1, doc: 'the negative saturation value' }], 1);
export const silu = activation('silu', 'x·sigmoid(x), a.k.a. swish', '`nn.SiLU`; EfficientNet');
export const gelu = activation('gelu', 'x·Φ(x), Φ the normal CDF (exact erf form, or the tanh approximation)', '`nn.GELU`; ConvNeXt', [
  { name: 'approximate', type: 'choice', choices: ['none', 'tanh'], default: 'none', doc: '"none" (erf) or "tanh"' },
]);
export const hardswish = activation('hardswish', 'x·relu6(x + 3) / 6', '`nn.Hardswish`; MobileNetV3');
export const hardsigmoid = activation('hardsigmoid', 'relu6(x + 3) / 6', '`nn.Hardsigmoid`; MobileNetV3');
export const mish = activation('mish', 'x·tanh(softplus(x))', '`nn.Mish`');
