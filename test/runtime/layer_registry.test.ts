// The layer registry, walked: every layer has a lowering, a case, and a float64 reference with PyTorch's
// semantics; on the cpu backend every case's output and gradients (autodiff vs the reference's central
// differences) agree. The wasm and WebGPU files run the same cases against cpu.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { layerRegistry } from '../../compiler/ops/registry.js';
import { loweringFor } from '../../runtime/ops/registry.js';
import { onnxExportFor } from '../../runtime/io/onnx/onnx_ops.js';
import { referenceLayers } from '../helpers/reference_layers.js';
import { caseLabel, layerCases } from '../helpers/layer_cases.js';
import { compareNamed, prepareCase, referenceResults, tfjsResults } from '../helpers/layer_check.js';
import { useCpu } from '../helpers/tf.js';
import { mustCompile } from '../helpers/files.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { trainingContext } from '../../runtime/forward_context.js';

test.before(useCpu);

test('every registry layer has a lowering, an ONNX export mapping, at least one case and a reference implementation', (t) => {
  const missing: string[] = [];
  for (const op of layerRegistry.values()) {
    if (!loweringFor(op.family, op.name) && op.name !== 'identity') missing.push(`${op.name}: no lowering in runtime/ops (family ${op.family})`);
    if (!onnxExportFor(op.name)) missing.push(`${op.name}: no ONNX export mapping in runtime/io/onnx/onnx_ops.ts`);
    if (!layerCases.some((c) => c.op === op.name)) missing.push(`${op.name}: no case in test/helpers/layer_cases.ts`);
    if (!referenceLayers[op.name]) missing.push(`${op.name}: no reference in test/helpers/reference_layers.ts`);
    if (!op.docRow.what || !op.docRow.shape || !op.docRow.params) missing.push(`${op.name}: incomplete docRow`);
    for (const a of op.attrs) if (!a.doc) missing.push(`${op.name}.${a.name}: no doc`);
  }
  t.deepEqual(missing, []);
});

test('the compiler\'s activations and the runtime\'s activation table name the same layers', async (t) => {
  const { activationTable } = await import('../../runtime/ops/activations.js');
  const compilerActivations = [...layerRegistry.values()].filter((op) => op.fusion === 'activation').map((op) => op.name).sort();
  t.deepEqual(Object.keys(activationTable).sort(), compilerActivations);
});

test('every parameter of every case carries a weight-layout tag that matches its shape', (t) => {
  const ranks = { conv: 4, depthwise: 4, conv_transpose: 4, dense: 2, vector: 1 } as const;
  for (const c of layerCases) {
    for (const node of mustCompile(`network N {\n input [${c.input.join(', ')}]\n ${c.body}\n}`).nodes) {
      for (const p of node.params) t.is(p.shape.length, ranks[p.layout], `${p.name} (${p.layout})`);
    }
  }
});

for (const c of layerCases) {
  for (const training of c.training ? [false, true] : [false]) {
    test.serial(`cpu = PyTorch-semantics reference: ${caseLabel(c)}${training ? ' (training)' : ''}`, async (t) => {
      const run = prepareCase(c);
      const want = await referenceResults(run, training);
      const { results, leaked } = await tfjsResults(run, training);
      run.model.dispose();
      t.deepEqual(compareNamed(new Map([['output', want.get('output')!]]), new Map([['output', results.get('output')!]]), 1e-5), [], 'forward');
      t.deepEqual(compareNamed(want, results, 2e-4), [], 'gradients');
      t.is(leaked, 0);
    });
  }
}

/** Runs one training forward of a single-layer network with a batch of `n` images of ones. */
async function trainingOutput(body: string, shape: number[], n: number, seed: number): Promise<Float32Array> {
  const ir = mustCompile(`network N {\n input [${shape.join(', ')}]\n ${body}\n}`);
  const model = Model.create(ir, new Rng(1));
  const stats: never[] = [];
  const y = tf.tidy(() => model.forward(tf.ones([n, ...shape.slice(1), shape[0]]), trainingContext(new Rng(seed), tf.keep, stats)));
  const data = (await y.data()) as Float32Array;
  y.dispose();
  model.dispose();
  return data;
}

test.serial('stochastic_depth(0.3) while training drops whole examples, about 30 % of them, and scales survivors by 1/0.7', async (t) => {
  const n = 2000;
  const y = await trainingOutput('stochastic_depth(0.3)', [2, 2, 2], n, 7);
  let dropped = 0;
  for (let b = 0; b < n; b++) {
    const values = new Set(Array.from(y.subarray(b * 8, b * 8 + 8), (v) => Math.round(v * 1e5)));
    t.is(values.size, 1, `example ${b} is dropped or kept whole`);
    const v = y[b * 8];
    if (v === 0) dropped++;
    else t.true(Math.abs(v - 1 / 0.7) < 1e-5);
  }
  t.true(Math.abs(dropped / n - 0.3) < 0.04, `dropped ${dropped} of ${n}`);
});

test.serial('stochastic_depth draws a new mask for each seed (reproducible for the same seed)', async (t) => {
  const a = await trainingOutput('stochastic_depth(0.5)', [1, 1, 1], 64, 1);
  const b = await trainingOutput('stochastic_depth(0.5)', [1, 1, 1], 64, 1);
  const c = await trainingOutput('stochastic_depth(0.5)', [1, 1, 1], 64, 2);
  t.deepEqual(a, b);
  t.notDeepEqual(a, c);
});
