// LeNet trains 30 steps in the page on webgpu and on webgl (Fashion-MNIST, the CLI's Model, Optimizer and
// trainStep): the loss falls, the backend is the one asked for, tf.memory().numTensors is the same after every
// step; and the cold start (call to first step's end, after the backend started) is measured and its parts logged.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { chromiumRequired, openHarness } from './harness/open_harness.js';
import type { HarnessWindow } from './harness/harness_window.js';

const source = readFileSync('networks/lenet.net', 'utf8');
const opened = await openHarness();
if (!opened.ready) console.log(`test/browser/runtime_train: skipping (${opened.reason})`);
const harness = opened.ready ? opened.harness : undefined;
test.after.always(() => harness?.close());

test.serial('Chromium starts for the training tests (required in CI)', (t) => {
  t.true(opened.ready || !chromiumRequired(), opened.ready ? '' : opened.reason);
});

const browserTest = harness ? test.serial : test.skip;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const backend of ['webgpu', 'webgl'] as const) {
  browserTest(`LeNet trains 30 steps on ${backend} in the page: loss falls, no tensor leaks`, async (t) => {
    await harness!.reload();
    const info = await harness!.page.evaluate((b) => (window as unknown as HarnessWindow).netcHarness.startBrowserBackend(b), backend);
    t.is(info.backend, backend);
    const report = await harness!.page.evaluate((s) => (window as unknown as HarnessWindow).netcHarness.train({ source: s, steps: 30, batch: 64, lr: 0.01, optimizer: 'adam' }), source);
    const c = report.coldStart;
    t.log(`${info.adapter}: cold start ${(c.totalMs / 1000).toFixed(1)} s to the first step's end (compile ${c.compileMs.toFixed(0)} ms, model ${c.modelMs.toFixed(0)} ms, first step ${(c.firstStepMs / 1000).toFixed(1)} s; later steps median ${(report.stepMs.slice(1).sort((a, b) => a - b)[14] / 1000).toFixed(2)} s)`);
    t.log(`loss: ${report.losses.map((l) => l.toFixed(2)).join(' ')}`);
    t.is(report.backend, backend);
    t.is(report.losses.length, 30);
    t.true(report.losses.every(Number.isFinite));
    t.true(mean(report.losses.slice(-5)) < mean(report.losses.slice(0, 5)) - 0.15, 'the loss of the last 5 steps is clearly below the first 5');
    t.deepEqual(new Set(report.numTensors).size, 1, `tensors after each step: ${report.numTensors.join(' ')}`);
    t.deepEqual(harness!.errors, []);
  });
}
