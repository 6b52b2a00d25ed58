// The playground's training panel in Chromium: LeNet trains on webgpu and on webgl through the panel (loss falls,
// the backend is the one picked, no tensors leak, the first step starts within 5 s); the downloaded weights give
// the page's test accuracy in `netc eval`; a CLI run's weights load into the page and classify a drawn image.
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumRequired, chromiumStatus, openBrowser, type OpenBrowser } from '../helpers/chromium.js';
import { lastJson, netc } from '../helpers/cli.js';
import type { StaticServer } from '../../scripts/static_server.js';
import { PLAYGROUND_DIR } from '../../scripts/build_playground.js';
import { hook, openTraining, playgroundServer, setRun, trainSteps } from './playground_train_page.js';

const DATA = join(PLAYGROUND_DIR, 'data', 'fashion-mnist');
const RUN = { epochs: 1, batch: 64, lr: 0.01, optimizer: 'adam', syncEvery: 1 } as const;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

let browser: OpenBrowser | undefined;
let server: StaticServer | undefined;
let unavailable: string | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'netc-playground-train-'));

test.before(async () => {
  const status = chromiumStatus();
  if (!status.ready) {
    if (chromiumRequired()) throw new Error(status.reason);
    unavailable = status.reason;
    return;
  }
  try {
    browser = await openBrowser({ acceptDownloads: true });
  } catch (error) {
    if (chromiumRequired()) throw error;
    unavailable = `Chromium did not start: ${(error as Error).message.split('\n')[0]}`;
    return;
  }
  server = await playgroundServer();
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test.serial('a warmed-up page begins the first step within 5 s of Train (webgl): the warm-up ran while the tab was open', async (t) => {
  t.timeout(300_000);
  if (unavailable) return t.log(`skipped: ${unavailable}`), t.pass();
  const page = await browser!.context.newPage();
  try {
    t.is(await openTraining(page, server!.url, 'webgl'), 'webgl');
    await setRun(page, RUN);
    // The panel warms up on its own once the tab is shown and the settings are still (backend, data, one throwaway step).
    await page.waitForFunction((key) => (window as unknown as { netcTraining?: { warmedFor?: string } }).netcTraining?.warmedFor === key, `LeNet|${RUN.batch}`, { timeout: 240_000, polling: 200 });
    const h = await trainSteps(page, 3);
    t.true(h.warm, 'Train found the warm-up done for its network and batch');
    t.log(`warm-up ${h.warmMs!.toFixed(0)} ms before Train; then the session built ${h.sessionMs!.toFixed(0)} ms and the first step read back ${h.firstStepMs!.toFixed(0)} ms after Train`);
    t.true(h.firstStepMs! < 5000, `first step ${h.firstStepMs!.toFixed(0)} ms after Train`);
  } finally {
    // The page keeps its settings (backend, run) in localStorage, which the browser context shares with the next test.
    await page.evaluate(() => localStorage.clear()).catch(() => undefined);
    await page.close();
  }
});

for (const backend of ['webgl', 'webgpu'] as const) {
  test.serial(`LeNet trains 30 steps on ${backend} in the page: loss falls, ${backend} reported, no tensor leaks`, async (t) => {
    // SwiftShader WebGPU: ~40 s of known-answer tests, then the session's first lowering trials and shader compiles.
    t.timeout(backend === 'webgpu' ? 900_000 : 300_000);
    if (unavailable) return t.log(`skipped: ${unavailable}`), t.pass();
    const page = await browser!.context.newPage();
    try {
      t.is(await openTraining(page, server!.url, backend), backend);
      await setRun(page, RUN);
      const h = await trainSteps(page, 30, { timeout: backend === 'webgpu' ? 800_000 : 240_000 });
      t.is(h.backend, backend);
      t.true(h.steps.length >= 30, `${h.steps.length} steps`);
      const losses = h.steps.map((s) => s.loss);
      t.true(losses.every(Number.isFinite));
      const first = mean(losses.slice(0, 5));
      const last = mean(losses.slice(-5));
      t.true(last < first - 0.02, `loss ${first.toFixed(4)} → ${last.toFixed(4)}`);
      // Adam's moments are created by the first step; from then on every step must leave the count as it was.
      const counts = h.steps.slice(1).map((s) => s.numTensors);
      t.deepEqual([...new Set(counts)], [counts[0]], `numTensors per step: ${counts.join(',')}`);
      t.log(`${backend}: session built ${h.sessionMs!.toFixed(0)} ms, first step read back ${h.firstStepMs!.toFixed(0)} ms after Train; loss ${first.toFixed(3)} → ${last.toFixed(3)} over ${h.steps.length} steps; ${h.steps.at(-1)!.imagesPerSec.toFixed(0)} img/s; ${counts[0]} tensors`);
      // The 5 s target from Train to the first step is measured and logged here, not asserted: on SwiftShader
      // WebGPU the session's first lowerings compile for over a minute (the cold start H3b investigates).
      t.truthy(await page.locator('[data-role=live]').textContent().then((s) => /img\/s · ETA/.test(s ?? '')), 'img/s and ETA shown');
      t.true(Number(await page.locator('[data-series=loss]').getAttribute('data-points')) >= 30, 'the loss curve has a point per read-back');
      // Stopped mid-epoch: the page evaluated the model it kept, with a 10×10 confusion matrix over the 2,000 test images.
      t.is(await page.locator('[data-role=confusion] tbody tr').count(), 10);
      t.true(h.testAccuracy! >= 0 && h.testAccuracy! <= 1, `test accuracy ${h.testAccuracy}`);

      if (backend === 'webgl') {
        // Weights out: the download evaluates in Node to the page's accuracy on the same 2,000 images.
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-role=download-weights]')]);
        const file = join(tmp, download.suggestedFilename());
        await download.saveAs(file);
        t.is(download.suggestedFilename(), 'lenet.safetensors');
        const run = netc('eval', 'networks/lenet.net', '--weights', file, '--data', DATA, '--backend', 'wasm', '--json');
        t.is(run.code, 0, run.stderr);
        const node = lastJson(run.stdout);
        t.is(node.count, 2000);
        t.true(Math.abs(node.testAccuracy - h.testAccuracy!) <= 0.005, `netc eval ${node.testAccuracy} vs page ${h.testAccuracy}`);
        t.log(`weights: page ${h.testAccuracy} · netc eval ${node.testAccuracy} (${readFileSync(file).byteLength} bytes)`);
      }
    } finally {
      await page.close();
    }
  });
}

test.serial("a CLI run's model.safetensors loads into the page with the CLI's accuracy; a drawn image gets top-3 classes", async (t) => {
  if (unavailable) return t.log(`skipped: ${unavailable}`), t.pass();
  const out = join(tmp, 'cli-run');
  const trained = netc('train', 'networks/lenet.net', '--epochs', '1', '--limit', '2000', '--batch', '32', '--optimizer', 'adam', '--lr', '0.003', '--out', out, '--backend', 'wasm');
  t.is(trained.code, 0, trained.stderr);
  const weights = join(out, 'model.safetensors');
  const evaluated = netc('eval', 'networks/lenet.net', '--weights', weights, '--data', DATA, '--backend', 'wasm', '--json');
  t.is(evaluated.code, 0, evaluated.stderr);
  const cli = lastJson(evaluated.stdout).testAccuracy as number;
  const page = await browser!.context.newPage();
  try {
    await openTraining(page, server!.url, 'webgl');
    await page.setInputFiles('[data-role=load-weights]', weights);
    await page.waitForFunction(() => (window as unknown as { netcTraining: { loadedAccuracy?: number; error?: string } }).netcTraining.loadedAccuracy !== undefined, undefined, { timeout: 120_000 }).catch(async () => {
      throw new Error(`weights did not load: ${await page.locator('[data-role=weights-status]').textContent()}`);
    });
    const h = await hook(page);
    t.true(Math.abs(h.loadedAccuracy! - cli) <= 0.005, `page ${h.loadedAccuracy} vs netc eval ${cli}`);
    t.is(await page.locator('[data-role=confusion] tbody tr').count(), 10);
    t.log(`CLI run: netc eval ${cli} · page ${h.loadedAccuracy}`);

    // Draw a stroke on the 28×28 canvas: three classes, probabilities falling, all from Fashion-MNIST's ten.
    await page.locator('[data-role=draw]').scrollIntoViewIfNeeded();
  const box = (await page.locator('[data-role=draw]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * (0.2 + 0.06 * i));
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.8);
    await page.mouse.up();
    const items = page.locator('[data-role=top3] li[data-class]');
    await items.nth(2).waitFor({ timeout: 30_000 });
    t.is(await items.count(), 3);
    const classes = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-class')));
    t.is(new Set(classes).size, 3, classes.join(','));
    const percents = (await items.allTextContents()).map((s) => Number(/([\d.]+) %/.exec(s)![1]));
    t.deepEqual([...percents].sort((a, b) => b - a), percents);
    t.log(`drawn stroke: ${(await items.allTextContents()).join(' | ')}`);
  } finally {
    await page.close();
  }
});
