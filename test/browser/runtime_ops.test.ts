// The Node suite's op-level comparison, inside the page: every registry layer case (test/helpers/layer_cases.ts),
// output and every gradient, at batch 256, on webgpu and on webgl against cpu, within the registry walk's
// tolerance (1e-4 of the largest value), with no leaked tensors. Fails (not skips) in CI without Chromium.
import test from 'ava';
import { chromiumRequired, openHarness } from './harness/open_harness.js';
import type { HarnessWindow } from './harness/harness_window.js';
import { caseEntries } from './harness/case_entries.js';

const BATCH = 256;
const TOLERANCE = 1e-4;

const opened = await openHarness();
if (!opened.ready) console.log(`test/browser/runtime_ops: skipping (${opened.reason})`);
const harness = opened.ready ? opened.harness : undefined;
test.after.always(() => harness?.close());

test.serial('Chromium starts for the op comparison (required in CI)', (t) => {
  t.true(opened.ready || !chromiumRequired(), opened.ready ? '' : opened.reason);
});

const browserTest = harness ? test.serial : test.skip;

for (const backend of ['webgpu', 'webgl'] as const) {
  browserTest(`${backend} starts in the page for the comparison`, async (t) => {
    await harness!.reload();
    const info = await harness!.page.evaluate((b) => (window as unknown as HarnessWindow).netcHarness.startBrowserBackend(b), backend);
    t.is(info.backend, backend);
  });
  for (const entry of caseEntries()) {
    browserTest(`${backend} = cpu at batch ${BATCH}: ${entry.label}${entry.training ? ' (training)' : ''}`, async (t) => {
      const result = await harness!.page.evaluate(([b, e, n, tol]) => (window as unknown as HarnessWindow).netcHarness.compareCase(b, e, n, tol), [backend, entry, BATCH, TOLERANCE] as const);
      t.log(`${result.op}: ${result.failures.length ? result.failures.join('; ') : 'matches'} (${result.ms.toFixed(0)} ms)`);
      t.deepEqual(result.failures, []);
      t.is(result.leaked, 0);
    });
  }
}
