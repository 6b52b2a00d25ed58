// Every registry layer, exported to ONNX from its layer cases (test/helpers/layer_cases.ts) and run in
// onnxruntime-node: the output equals netc's eval on cpu within 1e-5 (scaled), and onnx.checker accepts each model.
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerRegistry, structuralOps } from '../../../compiler/ops/registry.js';
import { onnxExportFor } from '../../../runtime/io/onnx/onnx_ops.js';
import { exportOnnx } from '../../../runtime/io/onnx/onnx_export.js';
import { caseLabel, layerCases } from '../../helpers/layer_cases.js';
import { BATCH, prepareCase, toNchw } from '../../helpers/layer_check.js';
import { checkModels, netcEval, ortRun } from '../../helpers/onnx.js';
import { mismatch } from '../../helpers/webgpu.js';
import { useCpu } from '../../helpers/tf.js';

test.before(useCpu);

const dir = mkdtempSync(join(tmpdir(), 'netc-onnx-layers-'));
const written: string[] = [];
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('every registry layer and structural op has an ONNX export mapping with a doc line', (t) => {
  const missing = [...layerRegistry.keys(), ...Object.keys(structuralOps)].filter((op) => !onnxExportFor(op)?.doc);
  t.deepEqual(missing, []);
});

layerCases.forEach((c, i) => {
  test.serial(`onnxruntime = netc eval: ${caseLabel(c)}`, async (t) => {
    const run = prepareCase(c);
    try {
      const nchw = Float32Array.from(toNchw(run.input, run.ir.input.length === 3 ? [BATCH, run.ir.input[1], run.ir.input[2], run.ir.input[0]] : [BATCH, ...run.ir.input]));
      const want = await netcEval(run.model, nchw, BATCH);
      const onnx = exportOnnx(run.ir, await run.model.exportWeights());
      const path = join(dir, `case${i}_${c.op}.onnx`);
      writeFileSync(path, onnx.bytes);
      written.push(path);
      const { output, dims } = await ortRun(onnx.bytes, nchw, BATCH, run.ir.input);
      t.deepEqual(dims, [BATCH, ...run.ir.nodes.find((n) => n.name === run.ir.output)!.shape]);
      const m = mismatch(want, output);
      t.true(m.error <= 1e-5, `scaled error ${m.error.toExponential(2)} at [${m.at}]: netc ${want[m.at]}, onnxruntime ${output[m.at]}`);
    } finally {
      run.model.dispose();
    }
  });
});

test.serial('onnx.checker.check_model (full_check) accepts every layer case\'s model', (t) => {
  t.is(written.length, layerCases.length);
  const result = checkModels(written);
  if ('skipped' in result) return t.log(`onnx.checker not run: ${result.skipped}`);
  t.deepEqual(result.failures, []);
});
