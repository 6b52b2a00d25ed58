// --trace-grad's numbers: each layer's gradient norm equals the L2 norm of the gradient computed separately, the
// weight norm the weights', dead and saturated fractions count what they say; traced steps leave no tensors.
import test from 'ava';
import * as tf from '../../../runtime/tfjs.js';
import { Model } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../../../runtime/train/optimizer.js';
import { trainStep } from '../../../runtime/train/train_step.js';
import { crossEntropy } from '../../../runtime/train/loss.js';
import { trainingContext } from '../../../runtime/forward_context.js';
import { StepTrace, traceRecord, tracedLayers, tracedStep } from '../../../runtime/train/grad_trace.js';
import { mustCompile } from '../../helpers/files.js';
import { useCpu } from '../../helpers/tf.js';

test.before(useCpu);

const source = 'network T { input [1, 6, 6]\n c: conv(4, kernel: 3, pad: 1); bn: batchnorm; relu\n flatten\n h: dense(8); sigmoid\n t: dense(6); tanh\n out: dense(3) }';
const BATCH = 8;

function batch(seed: number) {
  const rng = new Rng(seed);
  const x = tf.tensor4d(Array.from({ length: BATCH * 36 }, () => rng.next() * 4 - 2), [BATCH, 6, 6, 1]);
  const labels = tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 3), 'int32');
  return { x, labels };
}

test.serial('every parametrized layer is traced, input first, with the activation it feeds (conv → bn → relu: relu)', (t) => {
  const ir = mustCompile(source);
  const model = Model.create(ir, new Rng(1));
  const layers = tracedLayers(ir, model);
  t.deepEqual(layers.map((l) => [l.name, l.activation]), [['c', 'relu'], ['bn', 'relu'], ['h', 'sigmoid'], ['t', 'tanh'], ['out', null]]);
  model.dispose();
});

test.serial('a traced step: gradNorm and weightNorm equal the separately computed norms; fractions in [0, 1]; no tensors left', async (t) => {
  const ir = mustCompile(source);
  const model = Model.create(ir, new Rng(2));
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.learnableVariables);
  const layers = tracedLayers(ir, model);
  const { x, labels } = batch(3);
  // The reference: the same forward and loss, gradients by tf.variableGrads, norms by hand, before any update.
  const weights = new Map(layers.map((l) => [l.name, l.weights.map((i) => model.params[i].variable)]));
  const want = tf.tidy(() => {
    const ctx = trainingContext(new Rng(9), (v) => v, []);
    const { grads } = tf.variableGrads(() => crossEntropy(model.forward(x, ctx), labels), model.trainableVariables);
    return layers.map((l) => {
      const vs = weights.get(l.name)!;
      const g = Math.sqrt(vs.reduce((s, v) => s + tf.sum(tf.square(grads[v.name])).dataSync()[0], 0));
      const w = Math.sqrt(vs.reduce((s, v) => s + tf.sum(tf.square(v)).dataSync()[0], 0));
      return { g, w };
    });
  });
  const before = tf.memory().numTensors;
  const trace = new StepTrace(layers);
  const { loss, correct, trace: stats } = trainStep(model, optimizer, () => x, labels, 0.1, new Rng(9), 0, trace);
  const values = await stats!.data();
  tf.dispose([loss, correct, stats!]);
  t.is(tf.memory().numTensors, before, 'a traced step leaves the tensor count unchanged');
  const record = traceRecord(layers, values as Float32Array, 1, 1);
  record.layers.forEach((l, i) => {
    t.true(Math.abs(l.gradNorm - want[i].g) <= 1e-5 * Math.max(1, want[i].g), `${l.name} gradNorm ${l.gradNorm} vs ${want[i].g}`);
    t.true(Math.abs(l.weightNorm - want[i].w) <= 1e-5 * want[i].w, `${l.name} weightNorm ${l.weightNorm} vs ${want[i].w}`);
    t.true(l.gradNorm > 0 && Number.isFinite(l.actMean) && l.actStd >= 0, l.name);
    for (const f of [l.saturated, l.dead]) t.true(f >= 0 && f <= 1, `${l.name} fraction ${f}`);
  });
  const relu = record.layers[0];
  t.true(relu.dead > 0 && relu.dead < 1, `about half of relu's inputs are negative: ${relu.dead}`);
  t.is(record.layers[2].dead, 0, 'sigmoid units are never dead');
  t.is(record.layers[4].saturated, 0, 'the logits have no asymptote');
  // A second traced step: still no tensor left behind.
  const again = trainStep(model, optimizer, () => x, labels, 0.1, new Rng(9), 0, new StepTrace(layers));
  tf.dispose([again.loss, again.correct, again.trace!]);
  t.is(tf.memory().numTensors, before);
  tf.dispose([x, labels]);
  optimizer.dispose();
  model.dispose();
});

test.serial('the saturated fraction of a sigmoid counts outputs within 1e-2 of 0 or 1', async (t) => {
  const ir = mustCompile('network S { input [4]\n h: dense(2); sigmoid\n out: dense(2) }');
  const model = Model.create(ir, new Rng(4));
  const h = model.params.find((p) => p.param.name === 'h.weight')!.variable;
  // Weight rows: unit 0 sees 100·x (saturated for |x| ≥ 0.05), unit 1 sees 0 (sigmoid 0.5).
  h.assign(tf.tensor2d([[100, 0], [0, 0], [0, 0], [0, 0]]));
  model.params.find((p) => p.param.name === 'h.bias')!.variable.assign(tf.zeros([2]));
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.learnableVariables);
  const x = tf.tensor2d([[1, 0, 0, 0], [-1, 0, 0, 0], [0.01, 0, 0, 0], [0.5, 0, 0, 0]]);
  const labels = tf.tensor1d([0, 1, 0, 1], 'int32');
  const layers = tracedLayers(ir, model);
  const r = trainStep(model, optimizer, () => x, labels, 0, new Rng(1), 0, new StepTrace(layers));
  const record = traceRecord(layers, (await r.trace!.data()) as Float32Array, 1, 1);
  // 3 of unit 0's 4 outputs saturate (x = 1, −1, 0.5; sigmoid(0.01·100) = 0.73 does not); unit 1's are 0.5: 3/8.
  t.true(Math.abs(record.layers[0].saturated - 3 / 8) < 1e-6, `${record.layers[0].saturated}`);
  tf.dispose([x, labels, r.loss, r.correct, r.trace!]);
  optimizer.dispose();
  model.dispose();
});

test.serial('traced steps: step 1 and every N-th; none without --trace-grad', (t) => {
  t.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].filter((s) => tracedStep(s, 4)), [1, 4, 8]);
  t.deepEqual([1, 2, 3].filter((s) => tracedStep(s, undefined)), []);
  t.deepEqual([1, 2, 3].filter((s) => tracedStep(s, 1)), [1, 2, 3]);
});
