// What an exported model looks like from outside: one NCHW (or [N, F]) input with a symbolic batch, one output of
// logits, initializers exactly netc's parameters by name and PyTorch shape, explicit pads, the opset asked for;
// weights that do not fit are a one-line WeightError.
import test from 'ava';
import type onnxProto from 'onnx-proto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model, WeightError } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { exportOnnx, ONNX_OPSETS } from '../../../runtime/io/onnx/onnx_export.js';
import { compileFile, mustCompile } from '../../helpers/files.js';
import { attributeOf, checkModels, decodeModel, netcEval, ortRun } from '../../helpers/onnx.js';
import { mismatch } from '../../helpers/webgpu.js';
import { useCpu } from '../../helpers/tf.js';

test.before(useCpu);

async function weightsOf(ir: Parameters<typeof Model.create>[0]) {
  const model = Model.create(ir, new Rng(1));
  try {
    return { weights: await model.exportWeights(), model };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

test.serial('LeNetBN: input [N, 1, 28, 28] and output logits [N, 10], N symbolic; initializers are netc\'s parameters', async (t) => {
  const ir = compileFile('networks/lenet_bn.net').ir!;
  const { weights, model } = await weightsOf(ir);
  model.dispose();
  const onnx = exportOnnx(ir, weights);
  const m = decodeModel(onnx.bytes);
  t.is(Number(m.opsetImport![0].version), 13);
  t.is(m.opsetImport![0].domain, '');
  const dims = (v: onnxProto.onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)));
  t.is(m.graph!.input!.length, 1);
  t.is(m.graph!.input![0].name, 'input');
  t.deepEqual(dims(m.graph!.input![0]), ['N', 1, 28, 28]);
  t.is(m.graph!.output!.length, 1);
  t.is(m.graph!.output![0].name, 'logits');
  t.deepEqual(dims(m.graph!.output![0]), ['N', 10]);
  t.deepEqual(onnx.input, { name: 'input', shape: ['N', 1, 28, 28] });
  t.deepEqual(onnx.output, { name: 'logits', shape: ['N', 10] });
  const params = ir.nodes.flatMap((n) => n.params);
  t.deepEqual(m.graph!.initializer!.map((i) => i.name).sort(), params.map((p) => p.name).sort());
  for (const init of m.graph!.initializer!) {
    const w = weights.get(init.name!)!;
    t.deepEqual(init.dims!.map(Number), w.shape, init.name!);
    t.deepEqual(new Float32Array(Uint8Array.from(init.rawData!).buffer), w.data, init.name!);
  }
  for (const node of m.graph!.node!) {
    t.is(attributeOf(node, 'auto_pad'), undefined, node.name!);
    if (['Conv', 'MaxPool', 'AveragePool'].includes(node.opType!)) t.is((attributeOf(node, 'pads') as number[]).length, 4, node.name!);
  }
  t.true(m.graph!.node!.some((n) => n.output!.includes('conv1')), 'values are named for their IR nodes');
  t.false(m.graph!.node!.some((n) => n.opType === 'Softmax'), 'logits, not probabilities');
});

test.serial('the batch dimension is dynamic: batches of 1 and 5 through one model', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const { weights, model } = await weightsOf(ir);
  try {
    const { bytes } = exportOnnx(ir, weights);
    for (const batch of [1, 5]) {
      const x = Float32Array.from({ length: batch * 784 }, (_, i) => Math.sin(i));
      const { output, dims } = await ortRun(bytes, x, batch, ir.input);
      t.deepEqual(dims, [batch, 10]);
      t.true(mismatch(await netcEval(model, x, batch), output).error <= 1e-5);
    }
  } finally {
    model.dispose();
  }
});

test.serial('a flat network takes [N, F]; a network that is only its input still has an output of its own', async (t) => {
  const flat = mustCompile('network F {\n input [6]\n dense(4); relu; dense(2)\n}');
  const { weights, model } = await weightsOf(flat);
  model.dispose();
  t.deepEqual(exportOnnx(flat, weights).input.shape, ['N', 6]);
  const passthrough = mustCompile('network P {\n input [3]\n dropout(0.5)\n}');
  const onnx = exportOnnx(passthrough, new Map());
  t.deepEqual(decodeModel(onnx.bytes).graph!.node!.map((n) => n.opType), ['Identity']);
  const { output } = await ortRun(onnx.bytes, Float32Array.of(1, 2, 3), 1, [3]);
  t.deepEqual(Array.from(output), [1, 2, 3]);
});

test.serial('opsets 13 to 17 are written as asked and run the same; others are refused', async (t) => {
  // Most of the op kinds the mapping writes, in one network.
  const ir = mustCompile(`network All {
 input [4, 6, 6]
 conv(6, kernel: 3, pad: 1, groups: 2); batchnorm; relu6
 lrn(4, alpha: 0.3, k: 2); lrn(3)
 layernorm; groupnorm(3); layerscale(0.5); hardswish; gelu; mish; silu
 maxpool(3, stride: 2, pad: 1, ceil: true); upsample(2, mode: "bilinear"); upsample(2)
 avgpool(3, stride: 2, pad: 1, ceil: true); adaptive_avgpool([2, 3]); channel_shuffle(3); softmax; slice(1, 5)
 conv_transpose(3, kernel: 2, stride: 2); global_avgpool
 flatten; dense(4); hardsigmoid; leaky_relu; elu; tanh; sigmoid; dense(3)
}`);
  const { weights, model } = await weightsOf(ir);
  try {
    const x = Float32Array.from({ length: 2 * 144 }, (_, i) => Math.sin(i * 0.37) * 2);
    const want = await netcEval(model, x, 2);
    const dir = mkdtempSync(join(tmpdir(), 'netc-onnx-opsets-'));
    const paths: string[] = [];
    for (const opset of [13, 15, 17]) {
      const { bytes } = exportOnnx(ir, weights, { opset });
      paths.push(join(dir, `opset${opset}.onnx`));
      writeFileSync(paths.at(-1)!, bytes);
      t.is(Number(decodeModel(bytes).opsetImport![0].version), opset);
      const { output } = await ortRun(bytes, x, 2, ir.input);
      t.true(mismatch(want, output).error <= 1e-5, `opset ${opset}: scaled error ${mismatch(want, output).error}`);
    }
    const checked = checkModels(paths);
    rmSync(dir, { recursive: true, force: true });
    if ('skipped' in checked) t.log(`onnx.checker not run: ${checked.skipped}`);
    else t.deepEqual(checked.failures, []);
  } finally {
    model.dispose();
  }
  t.deepEqual([ONNX_OPSETS.min, ONNX_OPSETS.max], [13, 17]);
  for (const opset of [12, 18]) t.throws(() => exportOnnx(ir, weights, { opset }), { instanceOf: RangeError, message: /opsets 13 to 17/ });
});

test('missing, misshapen and unknown weights are one WeightError naming them', async (t) => {
  const ir = mustCompile('network F {\n input [6]\n dense(4); dense(2)\n}');
  const { weights, model } = await weightsOf(ir);
  model.dispose();
  const missing = new Map(weights);
  missing.delete('dense1.bias');
  t.throws(() => exportOnnx(ir, missing), { instanceOf: WeightError, message: "1 weight do not fit F: missing 'dense1.bias'" });
  const wrong = new Map(weights);
  wrong.set('dense2.weight', { shape: [2, 5], data: new Float32Array(10) });
  wrong.set('extra', { shape: [1], data: new Float32Array(1) });
  const error = t.throws(() => exportOnnx(ir, wrong), { instanceOf: WeightError });
  t.is(error!.message, "2 weights do not fit F: 'dense2.weight' has shape [2, 5], the network needs [2, 4]; unknown weight 'extra'");
});

test('docs/runtime.md\'s ONNX mapping table is generated from the table (node dist/scripts/onnx_doc.js)', async (t) => {
  const { readFileSync } = await import('node:fs');
  const { withOnnxTable } = await import('../../../runtime/io/onnx/onnx_ops.js');
  const doc = readFileSync('docs/runtime.md', 'utf8');
  t.is(doc, withOnnxTable(doc));
});
