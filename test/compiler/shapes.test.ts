// Output-size formulas, table-driven: floor((in + 2·pad − dilation·(k − 1) − 1) / stride) + 1, as PyTorch.
import test from 'ava';
import { mustCompile, codesOf } from '../helpers/files.js';

const shapeOf = (input: string, layer: string) => {
  const ir = mustCompile(`network N { input ${input}\n ${layer} }`);
  return ir.nodes[ir.nodes.length - 1].shape;
};

const cases: [string, string, number[]][] = [
  ['[3, 32, 32]', 'conv(16, kernel: 3, stride: 2, pad: 1)', [16, 16, 16]],
  ['[3, 32, 32]', 'conv(16, kernel: 3)', [16, 30, 30]],
  ['[1, 28, 28]', 'conv(6, kernel: 5, pad: 2)', [6, 28, 28]],
  ['[1, 224, 224]', 'conv(96, kernel: 11, stride: 4, pad: 1)', [96, 54, 54]],
  ['[8, 10, 10]', 'conv(8, kernel: 3, dilation: 2)', [8, 6, 6]],
  ['[8, 10, 10]', 'conv(8, kernel: 3, dilation: 2, pad: 2)', [8, 10, 10]],
  ['[8, 10, 12]', 'conv(4, kernel: [1, 3], pad: [0, 1])', [4, 10, 12]],
  ['[8, 10, 12]', 'conv(4, kernel: [3, 1], stride: [2, 1])', [4, 4, 12]],
  ['[8, 9, 9]', 'conv(8, kernel: 3, groups: 8)', [8, 7, 7]],
  ['[3, 7, 7]', 'conv(5, kernel: 7)', [5, 1, 1]],
  ['[96, 54, 54]', 'maxpool(3, stride: 2)', [96, 26, 26]],
  ['[64, 48, 48]', 'maxpool(3, stride: 2, pad: 1)', [64, 24, 24]],
  ['[6, 28, 28]', 'avgpool(2, stride: 2)', [6, 14, 14]],
  ['[6, 28, 28]', 'avgpool(2)', [6, 14, 14]],
  ['[6, 7, 7]', 'avgpool(2)', [6, 3, 3]],
  ['[6, 7, 7]', 'avgpool(3, stride: 2, pad: 1)', [6, 4, 4]],
  ['[512, 3, 3]', 'global_avgpool', [512, 1, 1]],
  ['[16, 5, 5]', 'flatten', [400]],
  ['[400]', 'dense(120)', [120]],
  ['[12, 4, 4]', 'channel_shuffle(3)', [12, 4, 4]],
  ['[12, 4, 4]', 'batchnorm', [12, 4, 4]],
  ['[12]', 'batchnorm', [12]],
  ['[12, 4, 4]', 'lrn(5)', [12, 4, 4]],
  ['[10]', 'softmax', [10]],
];

for (const [input, layer, want] of cases) {
  test(`${layer} ${input} -> [${want.join(',')}]`, (t) => {
    t.deepEqual(shapeOf(input, layer), want);
  });
}

const params: [string, string, number][] = [
  ['[3, 32, 32]', 'conv(16, kernel: 3)', 16 * 3 * 9 + 16],
  ['[3, 32, 32]', 'conv(16, kernel: 3, bias: false)', 16 * 3 * 9],
  ['[32, 8, 8]', 'conv(64, kernel: 3, groups: 4)', 64 * 8 * 9 + 64],
  ['[32, 8, 8]', 'conv(32, kernel: 3, groups: 32, bias: false)', 32 * 9],
  ['[400]', 'dense(120)', 400 * 120 + 120],
  ['[400]', 'dense(120, bias: false)', 400 * 120],
  ['[12, 4, 4]', 'batchnorm', 24],
];

for (const [input, layer, want] of params) {
  test(`params of ${layer} on ${input} = ${want}`, (t) => {
    t.is(mustCompile(`network N { input ${input}\n ${layer} }`).totalParams, want);
  });
}

const errors: [string, string, string][] = [
  ['[3, 4, 4]', 'conv(8, kernel: 5)', 'NET3005'],
  ['[3, 4, 4]', 'conv(8, kernel: 3, dilation: 2)', 'NET3005'],
  ['[3, 4, 4]', 'maxpool(5)', 'NET3005'],
  ['[6, 8, 8]', 'conv(8, kernel: 3, groups: 4)', 'NET3007'],
  ['[8, 8, 8]', 'conv(6, kernel: 3, groups: 4)', 'NET3007'],
  ['[8, 8, 8]', 'channel_shuffle(3)', 'NET3008'],
  ['[16, 5, 5]', 'dense(10)', 'NET3004'],
  ['[16]', 'conv(8, kernel: 1)', 'NET3009'],
  ['[16]', 'maxpool(2)', 'NET3009'],
  ['[8, 8, 8]', 'maxpool(2, pad: 2)', 'NET4007'],
];

for (const [input, layer, code] of errors) {
  test(`${layer} on ${input} is ${code}`, (t) => {
    t.deepEqual(codesOf(`network N { input ${input}\n ${layer} }`), [code]);
  });
}

test('pooling ceil mode follows PyTorch: rounded up, a last window must start inside the input or its left padding, and may overhang', async (t) => {
  const { windowOutput } = await import('../../compiler/ops/window.js');
  // [input, kernel, stride, pad] -> [floor size, ceil size], as torch.nn.MaxPool2d gives them (None: an error)
  const cases: [number, number, number, number, number | undefined, number | undefined][] = [
    [6, 3, 2, 0, 2, 3],
    [5, 2, 2, 1, 3, 3], // the 4th window would start in the right padding
    [7, 2, 2, 0, 3, 4],
    [2, 3, 2, 0, undefined, 1], // the window overhangs the input
    [1, 2, 2, 0, undefined, 1],
    [1, 2, 1, 0, undefined, undefined],
    [13, 3, 2, 0, 6, 6],
  ];
  for (const [input, kernel, stride, pad, floor, ceil] of cases) {
    t.is(windowOutput(input, kernel, stride, pad, 1, false).size, floor, `floor ${input} k${kernel} s${stride} p${pad}`);
    t.is(windowOutput(input, kernel, stride, pad, 1, true).size, ceil, `ceil ${input} k${kernel} s${stride} p${pad}`);
  }
});
