// "Did you mean": typos and PyTorch habits are suggested; names that differ in kind or number are not.
import test from 'ava';
import { editDistance, suggest } from '../../compiler/suggest.js';

const layers = ['conv', 'relu', 'sigmoid', 'maxpool', 'avgpool', 'dense', 'batchnorm', 'flatten', 'identity'];

test('edit distance counts a swap of neighbours as one edit', (t) => {
  t.deepEqual([editDistance('rleu', 'relu'), editDistance('relu6', 'relu'), editDistance('convv', 'conv'), editDistance('abc', 'ca')], [1, 1, 1, 3]);
});

test('typos are suggested: rleu -> relu, convv -> conv, max_pool -> maxpool, ReLU -> relu, sigmiod -> sigmoid', (t) => {
  t.deepEqual(['rleu', 'convv', 'max_pool', 'ReLU', 'sigmiod', 'flaten', 'batchnrom'].map((n) => suggest(n, layers)), ['relu', 'conv', 'maxpool', 'relu', 'sigmoid', 'flatten', 'batchnorm']);
});

test('PyTorch habits are suggested: padding -> pad, kernel_size -> kernel, num_classes -> classes, Conv2d -> conv', (t) => {
  t.is(suggest('padding', ['channels', 'kernel', 'stride', 'pad']), 'pad');
  t.is(suggest('kernel_size', ['channels', 'kernel', 'stride', 'pad']), 'kernel');
  t.is(suggest('num_classes', ['classes', 'width']), 'classes');
  t.is(suggest('Conv2d', layers), 'conv');
  t.is(suggest('BatchNorm2d', layers), 'batchnorm');
});

test('not suggested: another function (relu6, gelu), another index (conv3, stage2), short names, far names', (t) => {
  t.is(suggest('relu6', layers), undefined);
  t.is(suggest('stage2', ['stage1', 'head']), undefined);
  t.is(suggest('conv3', ['conv1', 'conv2']), undefined);
  t.is(suggest('x', ['y', 'n']), undefined);
  t.is(suggest('ab', ['ac']), undefined);
  t.is(suggest('gelu', layers), undefined);
  t.is(suggest('elu', layers), undefined);
  t.is(suggest('lstm', layers), undefined);
  t.is(suggest('a'.repeat(1000), layers), undefined);
});
