// Every network in networks/, exported to ONNX with seeded random weights and non-trivial BatchNorm statistics,
// runs in onnxruntime-node with the same logits as netc's eval on cpu (within 1e-5, scaled), and passes
// onnx.checker; at the sizes the other network tests use (224×224-only networks as they are), batch 1 where cpu is slow.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { exportOnnx } from '../../../runtime/io/onnx/onnx_export.js';
import { compileFile, networkFiles } from '../../helpers/files.js';
import { attributeOf, checkModels, decodeModel, netcEval, ortRun, withNormStatistics } from '../../helpers/onnx.js';
import { mismatch } from '../../helpers/webgpu.js';
import { useCpu } from '../../helpers/tf.js';

test.before(useCpu);

/** [file, network, args, batch] */
const cases: [string, string, Record<string, number | boolean>, number][] = [
  ['networks/lenet.net', 'LeNet', {}, 2],
  ['networks/lenet_bn.net', 'LeNetBN', {}, 2],
  ['networks/alexnet.net', 'AlexNet', { lrn: true }, 1],
  // VGG11Small is VGG11 with width 4: width 16 has the same layers and a quarter of the work.
  ['networks/vgg11.net', 'VGG11', { width: 16 }, 1],
  ['networks/nin.net', 'NiN', {}, 1],
  ['networks/googlenet.net', 'GoogLeNet', {}, 1],
  ['networks/resnet18.net', 'ResNet18', { size: 32 }, 1],
  ['networks/resnet18_torchvision.net', 'ResNet18Torchvision', { size: 32, classes: 10 }, 1],
  ['networks/densenet.net', 'DenseNet', {}, 1],
  ['networks/se_resnet18.net', 'SEResNet18', {}, 1],
  ['networks/resnext.net', 'ResNeXt', {}, 1],
  ['networks/shufflenet.net', 'ShuffleNet', {}, 2],
  ['networks/mobilenet_v2.net', 'MobileNetV2', { channels: 1, size: 28, classes: 10 }, 2],
  ['networks/efficientnet_b0.net', 'EfficientNetB0', { channels: 1, size: 28, classes: 10 }, 2],
  ['networks/convnext_t.net', 'ConvNeXtT', { channels: 1, size: 28, classes: 10, patch: 2 }, 1],
  ['networks/fashion_net.net', 'FashionNet', {}, 2],
];

const dir = mkdtempSync(join(tmpdir(), 'netc-onnx-networks-'));
const written: string[] = [];
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('the cases cover every file in networks/', (t) => {
  t.deepEqual([...new Set(cases.map((c) => c[0]))].sort(), networkFiles());
});

for (const [file, network, args, batch] of cases) {
  test.serial(`onnxruntime = netc eval: ${network} ${JSON.stringify(args)}`, async (t) => {
    const ir = compileFile(file, { network, args }).ir!;
    const rng = new Rng(7);
    const model = Model.create(ir, rng);
    try {
      const weights = withNormStatistics(ir, await model.exportWeights(), rng);
      model.importWeights(weights);
      const input = Float32Array.from({ length: batch * ir.input.reduce((a, b) => a * b, 1) }, () => rng.uniform(0, 1));
      let start = Date.now();
      const want = await netcEval(model, input, batch);
      const netcMs = Date.now() - start;
      start = Date.now();
      const onnx = exportOnnx(ir, weights);
      const exportMs = Date.now() - start;
      const path = join(dir, `${network}.onnx`);
      writeFileSync(path, onnx.bytes);
      written.push(path);
      start = Date.now();
      const { output } = await ortRun(onnx.bytes, input, batch, ir.input);
      const ortMs = Date.now() - start;
      const m = mismatch(want, output);
      t.log(`${(onnx.bytes.length / 1e6).toFixed(1)} MB, ${onnx.nodes} nodes; netc eval ${netcMs} ms, export ${exportMs} ms, onnxruntime ${ortMs} ms; scaled error ${m.error.toExponential(2)}`);
      t.true(m.error <= 1e-5, `scaled error ${m.error.toExponential(2)} at [${m.at}]: netc ${want[m.at]}, onnxruntime ${output[m.at]}`);
      t.true(want.some((v) => Math.abs(v) > 1e-3), 'the logits are not all ~0');
      const graph = decodeModel(onnx.bytes).graph!;
      t.deepEqual(graph.initializer!.map((i) => i.name).sort(), ir.nodes.flatMap((n) => n.params.map((p) => p.name)).sort(), 'initializers are the parameters');
      const padding = graph.node!.filter((n) => attributeOf(n, 'auto_pad') !== undefined || (attributeOf(n, 'ceil_mode') ?? 0) !== 0);
      t.deepEqual(padding.map((n) => n.name), [], 'no auto_pad, no ceil_mode');
    } finally {
      model.dispose();
    }
  });
}

test.serial('onnx.checker.check_model (full_check) accepts every network\'s model', (t) => {
  t.is(written.length, cases.length);
  const result = checkModels(written);
  if ('skipped' in result) return t.log(`onnx.checker not run: ${result.skipped}`);
  t.deepEqual(result.failures, []);
});
