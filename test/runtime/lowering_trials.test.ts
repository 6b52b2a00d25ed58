// Measured lowering choices: candidates are timed once per (backend, adapter, signature), cached on disk, reused.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../runtime/tfjs.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { runTrials, trialCandidates } from '../../runtime/lowering_trials.js';
import { fileTrialStore } from '../../runtime/platform/trial_store_file.js';
import { planLowerings } from '../../runtime/lowering_plan.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext } from '../../runtime/forward_context.js';
import { compileFile } from '../helpers/files.js';

test.before(async () => {
  tf.env().set('PROD', true);
  const problem = await startWasm();
  if (problem) throw new Error(problem);
});

test.serial('LeNet\'s convs are measured once, cached, and the fastest form is planned', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  // conv1 (one input channel) may also run as a depthwise conv; both fit netc's direct wasm kernels.
  t.deepEqual(trialCandidates(ir).map((n) => n.name), ['conv1', 'conv2']);
  const file = join(mkdtempSync(join(tmpdir(), 'netc-trials-')), 'trials.json');
  const before = tf.memory().numTensors;
  const first = await runTrials(ir, 'test adapter', 16, fileTrialStore(file));
  t.is(tf.memory().numTensors, before, 'measuring leaks nothing');
  const r = first.get('conv1')!;
  t.false(r.cached);
  t.true(r.ms.conv2d! > 0 && r.ms.depthwise! > 0 && r.ms.direct! > 0);
  const fastest = (ms: Record<string, number>) => Object.entries(ms).reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  t.is(r.choice as string, fastest(r.ms as Record<string, number>));
  t.deepEqual(Object.keys(first.get('conv2')!.ms), ['conv2d', 'direct']);
  const cache = JSON.parse(readFileSync(file, 'utf8'));
  t.deepEqual(Object.keys(cache), [
    'wasm|test adapter|conv 16×1×28×28 -> 6 k5,5 s1,1 p2,2 d1,1|conv2d,depthwise,direct|first',
    'wasm|test adapter|conv 16×6×14×14 -> 16 k5,5 s1,1 p0,0 d1,1|conv2d,direct',
  ]);
  const second = await runTrials(ir, 'test adapter', 16, fileTrialStore(file));
  t.true(second.get('conv1')!.cached);
  t.is(second.get('conv1')!.choice, r.choice);
  const plan = planLowerings(ir, 'wasm', 'eval', { trials: second });
  t.regex(plan.choices.get('conv1')!.reason, /^measured \(cached\): conv2d [\d.]+ ms, depthwise [\d.]+ ms, direct [\d.]+ ms/);
  t.is(plan.choices.get('conv1')!.depthwiseForm, r.choice === 'depthwise');
  t.is(plan.choices.get('conv1')!.direct, r.choice === 'direct');
});

test.serial('the depthwise and direct forms of a one-channel conv compute the same outputs as conv2d', async (t) => {
  const ir = compileFile('networks/lenet.net').ir!;
  const x = tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 4);
  const outputs: Float32Array[] = [];
  for (const choice of ['conv2d', 'depthwise', 'direct'] as const) {
    const model = Model.create(ir, new Rng(1));
    (model as unknown as { trials: Map<string, unknown> }).trials.set('wasm', new Map([['conv1', { choice, ms: { conv2d: 1, depthwise: 1 }, cached: true }]]));
    t.is(model.plan('eval').choices.get('conv1')!.depthwiseForm, choice === 'depthwise');
    t.is(model.plan('eval').choices.get('conv1')!.direct, choice === 'direct');
    const y = tf.tidy(() => model.forward(x, evalContext()));
    outputs.push((await y.data()) as Float32Array);
    y.dispose();
    model.dispose();
  }
  x.dispose();
  for (const other of outputs.slice(1)) {
    let worst = 0;
    outputs[0].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - other[i]))));
    t.true(worst < 1e-5, `max difference ${worst}`);
  }
});

// A damaged cache file made every wasm run fail for good (`Cannot read properties of null`): now its bad entries are
// dropped with one warning naming the file, the convs are measured again, and the file is rewritten clean.
for (const [name, content] of [
  ['null', 'null'],
  ['not JSON', '{"wasm|'],
  ['entries of the wrong type', JSON.stringify({
    'wasm|test adapter|conv 16×1×28×28 -> 6 k5,5 s1,1 p2,2 d1,1|conv2d,depthwise,direct|first': { choice: 'conv2d', ms: null },
    'wasm|test adapter|conv 16×6×14×14 -> 16 k5,5 s1,1 p0,0 d1,1|conv2d,direct': 'direct',
  })],
] as const) {
  test.serial(`a trial cache that is ${name}: one warning naming the file, measured again, rewritten`, async (t) => {
    const ir = compileFile('networks/lenet.net').ir!;
    const file = join(mkdtempSync(join(tmpdir(), 'netc-trials-')), 'trials.json');
    writeFileSync(file, content);
    const warnings: string[] = [];
    const results = await runTrials(ir, 'test adapter', 16, fileTrialStore(file), (m) => warnings.push(m));
    t.is(warnings.length, 1);
    t.true(warnings[0].startsWith(`${file}: `), warnings[0]);
    t.regex(warnings[0], /; measuring again and rewriting it$/);
    t.false(results.get('conv1')!.cached);
    t.notThrows(() => planLowerings(ir, 'wasm', 'eval', { trials: results }));
    const again: string[] = [];
    const second = await runTrials(ir, 'test adapter', 16, fileTrialStore(file), (m) => again.push(m));
    t.deepEqual(again, [], 'the rewritten file is clean');
    t.true(second.get('conv1')!.cached && second.get('conv2')!.cached);
  });
}
