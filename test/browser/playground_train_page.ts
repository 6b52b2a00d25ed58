// Drives the playground's training panel in Chromium for the browser tests and the screenshot script: serve the
// built page, pick a backend, set the run, press Train, read window.netcTraining (playground/training/test_hook.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPlayground, PLAYGROUND_DIR } from '../../scripts/build_playground.js';
import { serveStatic, type StaticServer } from '../../scripts/static_server.js';

/** window.netcTraining, as playground/training/test_hook.ts fills it (not imported: tsc would emit the page's file into dist/playground). */
export interface TrainingHook {
  backend?: string;
  state: string;
  sessionMs?: number;
  firstStepMs?: number;
  warmMs?: number;
  warm?: boolean;
  warmedFor?: string;
  steps: { epoch: number; done: number; total: number; loss: number; accuracy: number; imagesPerSec: number; numTensors: number }[];
  epochs: { epoch: number; testAccuracy: number }[];
  testAccuracy?: number;
  loadedAccuracy?: number;
  error?: string;
}

/** dist/playground as `npm test` leaves it (built before ava), or built now when missing. */
export async function playgroundServer(): Promise<StaticServer> {
  if (!existsSync(join(PLAYGROUND_DIR, 'index.html')) || !existsSync(join(PLAYGROUND_DIR, 'data', 'fashion-mnist', 't10k-images-idx3-ubyte.gz'))) await buildPlayground();
  return serveStatic(PLAYGROUND_DIR);
}

export const hook = (page: Page): Promise<TrainingHook> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { netcTraining: unknown }).netcTraining)));

/** Opens the page with the Training tab shown and `backend` chosen; a named one is started (and awaited) now. */
export async function openTraining(page: Page, url: string, backend: string): Promise<string> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await showTrainingTab(page);
  const select = page.locator('[data-role=backend-select]');
  if ((await select.inputValue()) === backend) return `${backend} (starts on Train)`;
  await select.selectOption(backend);
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-role=backend]');
    return !!el && (el.hasAttribute('data-backend') || el.classList.contains('netc-error'));
  }, undefined, { timeout: 180_000, polling: 200 });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const status = page.locator('[data-role=backend]');
  return (await status.getAttribute('data-backend')) ?? `none (${await status.textContent()})`;
}

async function showTrainingTab(page: Page): Promise<void> {
  await page.locator('[data-tab=training]').first().click();
  // The shell's tabs show the panel; the bare skeleton has no tab switching yet, so unhide it the same way.
  await page.locator('#training').evaluate((el) => ((el as HTMLElement).hidden = false));
}

export interface RunSettings {
  epochs: number;
  batch: number;
  lr: number;
  optimizer: 'sgd' | 'momentum' | 'adam';
  syncEvery: number;
}

export async function setRun(page: Page, s: RunSettings): Promise<void> {
  for (const key of ['epochs', 'batch', 'lr', 'syncEvery'] as const) await page.fill(`[data-role=${key}]`, String(s[key]));
  await page.selectOption('[data-role=optimizer]', s.optimizer);
}

/** Presses Train and waits until `steps` read-backs arrived (or the run ends), then Stop unless `finish`. */
export async function trainSteps(page: Page, steps: number, options: { finish?: boolean; timeout?: number } = {}): Promise<TrainingHook> {
  await page.click('[data-role=train]');
  const timeout = options.timeout ?? 240_000;
  await page.waitForFunction(
    (n) => {
      const h = (window as unknown as { netcTraining?: TrainingHook }).netcTraining;
      return !!h && (h.steps.length >= n || ['done', 'stopped', 'idle'].includes(h.state) && h.steps.length > 0 || !!h.error);
    },
    options.finish ? Number.MAX_SAFE_INTEGER : steps,
    { timeout, polling: 200 },
  ).catch(async (error) => {
    const says = await page.locator('[data-role=notice]').textContent().catch(() => 'nothing (page closed)');
    throw new Error(`${(error as Error).message.split('\n')[0]}; page says: ${says}`);
  });
  if (!options.finish && (await hook(page)).state === 'running') await page.click('[data-role=stop]');
  await page.waitForFunction(() => ['done', 'stopped', 'idle'].includes((window as unknown as { netcTraining: TrainingHook }).netcTraining.state), undefined, { timeout, polling: 200 });
  const h = await hook(page);
  if (h.error) throw new Error(`training failed in the page: ${h.error}`);
  return h;
}
