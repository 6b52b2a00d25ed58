// Node side of the browser tests: builds the harness page into a folder of this process's own (test files
// run in parallel), serves it, opens it in headless Chromium and waits until window.netcHarness is ready.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumRequired, chromiumStatus, openBrowser } from '../../helpers/chromium.js';
import { serveStatic } from '../../../scripts/static_server.js';
import { buildHarness } from './build_harness.js';

export interface Harness {
  page: Page;
  /** Console errors and uncaught page errors, one line each. */
  errors: string[];
  /** Reloads the page (a fresh tfjs engine: startBrowserBackend runs once per page). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export type HarnessStatus = { ready: true; harness: Harness } | { ready: false; reason: string };

/** Opens the harness, or says in one line why the browser cannot start (a test must fail on it in CI). */
export async function openHarness(): Promise<HarnessStatus> {
  const status = chromiumStatus();
  if (!status.ready) return status;
  mkdirSync('dist/test-browser', { recursive: true });
  const dir = mkdtempSync(join('dist/test-browser', 'harness-'));
  await buildHarness(dir);
  const server = await serveStatic(dir);
  let browser;
  try {
    browser = await openBrowser();
  } catch (error) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    return { ready: false, reason: `Chromium did not start: ${(error as Error).message.split('\n')[0]}` };
  }
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text().split('\n')[0]));
  page.on('pageerror', (e) => errors.push(e.message.split('\n')[0]));
  const reload = async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
  };
  await reload();
  const close = async () => {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ready: true, harness: { page, errors, reload, close } };
}

export { chromiumRequired };
