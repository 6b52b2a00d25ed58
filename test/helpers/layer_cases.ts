// One or more small cases per registry layer, shared by the reference, wasm and WebGPU tests: the layer
// registry test fails when a layer has none, so every layer is checked on every backend.

export interface LayerCase {
  /** The registry layer the case is for. */
  op: string;
  /** The network's input shape and the body after `input` (usually the one layer call). */
  input: number[];
  body: string;
  /** Also compare in training mode (batch statistics, random masks). */
  training?: boolean;
  /** Inputs are drawn from U(−range, range): wide enough to reach relu6's and hardswish's flat parts. */
  range?: number;
}

const image = [3, 6, 6];
const act = (op: string, body = op): LayerCase[] => [
  { op, input: image, body, range: 8 },
  { op, input: [5], body, range: 8 },
];

export const layerCases: LayerCase[] = [
  { op: 'conv', input: [3, 7, 7], body: 'conv(4, kernel: 3, stride: 2, pad: 1)' },
  { op: 'conv', input: [4, 6, 6], body: 'conv(6, kernel: 3, pad: 2, dilation: 2, groups: 2, bias: false)' },
  { op: 'conv', input: [4, 6, 6], body: 'conv(8, kernel: 3, pad: 1, groups: 4)' },
  { op: 'conv', input: [4, 1, 1], body: 'conv(4, kernel: 3, pad: 1, groups: 4)' },
  { op: 'conv', input: [3, 1, 1], body: 'conv(5, kernel: 3, pad: 1); relu' },
  // A conv with batchnorm and relu6 after it: eval folds the norm and fuses relu6 into the conv.
  { op: 'relu6', input: [3, 5, 5], body: 'conv(4, kernel: 3, pad: 1); batchnorm; relu6', training: true, range: 8 },
  { op: 'relu6', input: [6], body: 'dense(5); relu6', training: true, range: 8 },
  // Fused in eval with their constants (tfjs's leakyrelu α; its fused elu only for α = 1).
  { op: 'leaky_relu', input: [3, 5, 5], body: 'conv(4, kernel: 3, pad: 1); leaky_relu(0.05)', training: true }, // not tfjs's default α 0.2
  { op: 'elu', input: [6], body: 'dense(5); batchnorm; elu', training: true },
  { op: 'elu', input: [6], body: 'dense(5); elu(0.5)' },
  { op: 'conv_transpose', input: [3, 4, 4], body: 'conv_transpose(2, kernel: 3, stride: 2, pad: 1, output_pad: 1)' },
  { op: 'conv_transpose', input: [3, 3, 5], body: 'conv_transpose(4, kernel: [2, 3], bias: false)' },
  { op: 'maxpool', input: [2, 7, 7], body: 'maxpool(3, stride: 2, pad: 1)' },
  { op: 'maxpool', input: [2, 6, 6], body: 'maxpool(3, stride: 2, ceil: true)' },
  { op: 'maxpool', input: [2, 2, 2], body: 'maxpool(3, stride: 2, ceil: true)' },
  { op: 'avgpool', input: [2, 6, 6], body: 'avgpool(2)' },
  { op: 'avgpool', input: [2, 7, 7], body: 'avgpool(2, ceil: true)' },
  { op: 'avgpool', input: [2, 7, 7], body: 'avgpool(3, stride: 2, pad: 1, count_pad: false)' },
  { op: 'avgpool', input: [2, 6, 6], body: 'avgpool(3, stride: 2, pad: 1, ceil: true)' },
  { op: 'avgpool', input: [2, 6, 6], body: 'avgpool(3, stride: 2, ceil: true, count_pad: false)' },
  { op: 'global_avgpool', input: [3, 5, 4], body: 'global_avgpool' },
  { op: 'adaptive_avgpool', input: [2, 7, 5], body: 'adaptive_avgpool([3, 2])' },
  { op: 'adaptive_avgpool', input: [2, 6, 6], body: 'adaptive_avgpool(3)' },
  { op: 'flatten', input: [3, 2, 2], body: 'flatten' },
  { op: 'dense', input: [6], body: 'dense(4)' },
  { op: 'dense', input: [6], body: 'dense(3, bias: false)' },
  { op: 'dropout', input: [8], body: 'dropout(0.3)' },
  { op: 'stochastic_depth', input: [3, 4, 4], body: 'stochastic_depth(0.3)' },
  { op: 'batchnorm', input: [3, 4, 4], body: 'batchnorm', training: true },
  { op: 'batchnorm', input: [5], body: 'batchnorm', training: true },
  { op: 'layernorm', input: [4, 3, 3], body: 'layernorm(eps: 1e-6)' },
  { op: 'layernorm', input: [6], body: 'layernorm' },
  { op: 'groupnorm', input: [6, 3, 3], body: 'groupnorm(3)' },
  { op: 'groupnorm', input: [6], body: 'groupnorm(2, eps: 1e-3)' },
  { op: 'lrn', input: [5, 3, 3], body: 'lrn(3, alpha: 0.1, k: 2)' },
  { op: 'layerscale', input: [4, 3, 3], body: 'layerscale(0.5)' },
  ...act('relu'),
  ...act('sigmoid'),
  ...act('tanh'),
  ...act('relu6'),
  ...act('leaky_relu', 'leaky_relu(0.2)'),
  ...act('elu'),
  { op: 'elu', input: image, body: 'elu(0.5)', range: 4 },
  ...act('silu'),
  ...act('gelu'),
  { op: 'gelu', input: image, body: 'gelu(approximate: "tanh")', range: 4 },
  ...act('hardswish'),
  ...act('hardsigmoid'),
  ...act('mish'),
  { op: 'softmax', input: [4, 3, 3], body: 'softmax' },
  { op: 'softmax', input: [6], body: 'softmax' },
  { op: 'identity', input: [3, 4, 4], body: 'identity' },
  { op: 'channel_shuffle', input: [6, 3, 3], body: 'channel_shuffle(3)' },
  { op: 'slice', input: [6, 3, 3], body: 'slice(2, 5)' },
  { op: 'slice', input: [6], body: 'slice(0, 3)' },
  { op: 'upsample', input: [2, 3, 3], body: 'upsample(2)' },
  { op: 'upsample', input: [2, 3, 4], body: 'upsample([2, 3], mode: "bilinear")' },
];

/** The case as a network source. */
export const caseSource = (c: LayerCase): string => `network Case {\n  input [${c.input.join(', ')}]\n  ${c.body}\n}\n`;

export const caseLabel = (c: LayerCase): string => `${c.body} on [${c.input.join(', ')}]`;
