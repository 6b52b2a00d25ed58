// Every networks/*.net file compiles clean, and its totals equal PyTorch's for the same definition.
import test from 'ava';
import { checkFile, compileFile, networkFiles, readText } from '../helpers/files.js';
import { summarize } from '../../compiler/summary.js';

/** Pinned from tools/pytorch_reference (PyTorch 1.13, same definitions): params and MACs per image. */
const pinned: Record<string, { file: string; params: number; macs: number; args?: Record<string, number> }> = {
  LeNet: { file: 'networks/lenet.net', params: 61_706, macs: 416_520 },
  LeNetBN: { file: 'networks/lenet_bn.net', params: 44_878, macs: 281_640 },
  AlexNet: { file: 'networks/alexnet.net', params: 46_764_746, macs: 938_146_176 },
  VGG11: { file: 'networks/vgg11.net', params: 128_806_154, macs: 7_547_232_256 },
  VGG11Small: { file: 'networks/vgg11.net', params: 43_093_322, macs: 512_155_648 },
  NiN: { file: 'networks/nin.net', params: 1_992_166, macs: 762_297_352 },
  GoogLeNet: { file: 'networks/googlenet.net', params: 5_977_530, macs: 276_066_304 },
  ResNet18: { file: 'networks/resnet18.net', params: 11_178_378, macs: 318_657_536 },
  DenseNet: { file: 'networks/densenet.net', params: 758_226, macs: 129_077_168 },
  SEResNet18: { file: 'networks/se_resnet18.net', params: 11_261_890, macs: 455_887_872 },
  ResNeXt: { file: 'networks/resnext.net', params: 3_294_410, macs: 426_757_120 },
  ShuffleNet: { file: 'networks/shufflenet.net', params: 913_906, macs: 34_176_384 },
  FashionNet: { file: 'networks/fashion_net.net', params: 160_874, macs: 13_096_896 },
};

/** Pinned from tools/pytorch_reference/torchvision_nets.py (torchvision 0.14's definitions, no weights). */
const small = { channels: 1, size: 28, classes: 10 };
const torchvisionPinned: [string, string, Record<string, number>, number, number][] = [
  ['MobileNetV2', 'networks/mobilenet_v2.net', {}, 3_504_872, 300_774_272],
  ['MobileNetV2', 'networks/mobilenet_v2.net', small, 2_236_106, 5_597_552],
  ['EfficientNetB0', 'networks/efficientnet_b0.net', {}, 5_288_548, 385_814_752],
  ['EfficientNetB0', 'networks/efficientnet_b0.net', small, 4_019_782, 7_947_472],
  ['ConvNeXtT', 'networks/convnext_t.net', {}, 28_589_128, 4_455_531_264],
  ['ConvNeXtT', 'networks/convnext_t.net', { ...small, patch: 2 }, 27_823_594, 209_726_784],
  ['ResNet18Torchvision', 'networks/resnet18_torchvision.net', {}, 11_689_512, 1_814_073_344],
  ['ResNet18Torchvision', 'networks/resnet18_torchvision.net', small, 11_175_370, 33_010_944],
];

for (const [network, file, args, params, macs] of torchvisionPinned) {
  const at = Object.keys(args).length ? ` (${Object.entries(args).map(([k, v]) => `${k}=${v}`).join(' ')})` : ' at 3×224×224';
  test(`${network}${at} totals equal torchvision's: ${params.toLocaleString('en-US')} params, ${macs.toLocaleString('en-US')} MACs`, (t) => {
    const { ir, diagnostics } = compileFile(file, { network, args });
    t.deepEqual(diagnostics, []);
    t.is(ir!.totalParams, params);
    t.is(ir!.trainableParams, params);
    t.is(ir!.macs, macs);
  });
}

for (const file of networkFiles()) {
  test(`${file} checks clean`, (t) => {
    const result = checkFile(file);
    t.deepEqual(result.diagnostics, []);
    t.true(result.irs.length > 0);
  });
}

for (const [network, want] of Object.entries(pinned)) {
  test(`${network} totals equal PyTorch's: ${want.params.toLocaleString('en-US')} params`, (t) => {
    const { ir, diagnostics } = compileFile(want.file, { network, args: want.args });
    t.deepEqual(diagnostics, []);
    t.is(ir!.totalParams, want.params);
    t.is(ir!.trainableParams, want.params);
    t.is(ir!.macs, want.macs);
  });
}

test('every network file opens with a comment citing its paper and year', (t) => {
  for (const file of networkFiles()) {
    const opening = readText(file).split('\n').slice(0, 3).join(' ');
    t.regex(opening, /^# .*(19|20)\d\d/, file);
  }
});

test('ResNet-18 at 28×28 (--set size=28) keeps its parameters and shrinks to 1×1 before pooling', (t) => {
  const { ir } = compileFile('networks/resnet18.net', { args: { size: 28 } });
  t.is(ir!.totalParams, 11_178_378);
  t.is(ir!.macs, 33_010_944);
  const last = ir!.nodes.filter((n) => n.scope.startsWith('stage4')).pop()!;
  t.deepEqual(last.shape, [512, 1, 1]);
});

test('AlexNet with the paper\'s LRN (--set lrn=true) adds two lrn layers and no parameters', (t) => {
  const { ir } = compileFile('networks/alexnet.net', { args: { lrn: true } });
  t.is(ir!.nodes.filter((n) => n.op === 'lrn').length, 2);
  t.is(ir!.totalParams, 46_764_746);
});

test('ResNet-18 parameter names are readable label paths', (t) => {
  const { ir } = compileFile('networks/resnet18.net');
  const names = ir!.nodes.flatMap((n) => n.params.map((p) => p.name));
  t.true(names.includes('stem.conv1.weight'));
  t.true(names.includes('stage2.1.conv1.weight'));
  t.true(names.includes('stage2.0.shortcut.conv1.weight'));
  t.true(names.includes('stage1.0.batchnorm1.running_mean'));
  t.true(names.includes('head.weight'));
  t.is(new Set(names).size, names.length);
});

test('summary groups ResNet-18 by stage and block with subtotals that add up', (t) => {
  const { ir } = compileFile('networks/resnet18.net');
  const s = summarize(ir!);
  const stages = s.rows.filter((r) => r.kind === 'group' && r.depth === 0);
  t.deepEqual(stages.map((r) => r.name), ['stem', 'stage1', 'stage2', 'stage3', 'stage4']);
  const layerParams = s.rows.filter((r) => r.kind === 'layer').reduce((a, r) => a + r.params, 0);
  t.is(layerParams, s.totalParams);
  const stage2 = s.rows.find((r) => r.name === 'stage2')!;
  const blocks = s.rows.filter((r) => r.kind === 'group' && r.depth === 1 && r.name.startsWith('stage2.'));
  t.deepEqual(blocks.map((b) => b.op), ['basic', 'basic']);
  t.is(blocks.reduce((a, b) => a + b.params, 0), stage2.params);
});
