// Shared by the playground editor and graph tests: a built playground (dist/playground when it is newer than
// every source it is built from, else a private build, so two test files never build into one folder at
// once), served on 127.0.0.1, opened in Debian's Chromium.
import type { ExecutionContext } from 'ava';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPlayground, PLAYGROUND_DIR } from '../../scripts/build_playground.js';
import { serveStatic, type StaticServer } from '../../scripts/static_server.js';
import { chromiumRequired, chromiumStatus, openBrowser, type OpenBrowser } from '../helpers/chromium.js';

const SOURCES = ['playground', 'compiler', 'grammar', 'graph', 'runtime', 'networks'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  return s.isDirectory() ? Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f)))) : s.mtimeMs;
}

/** A built playground folder that reflects the current sources. */
export async function builtPlayground(name: string): Promise<string> {
  const index = join(PLAYGROUND_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...SOURCES.map(newest))) return PLAYGROUND_DIR;
  const dir = join('dist', 'test-playground', name);
  await buildPlayground(dir);
  return dir;
}

export interface PlaygroundSession { browser: OpenBrowser; server: StaticServer; url: string; close(): Promise<void> }

/** Serves and launches, or returns the reason the browser is unavailable (the caller skips, or fails under CI). */
export async function startPlayground(name: string): Promise<PlaygroundSession | string> {
  const status = chromiumStatus();
  if (!status.ready) return status.reason;
  const server = await serveStatic(await builtPlayground(name));
  try {
    const browser = await openBrowser();
    return { browser, server, url: server.url, close: async () => { await browser.close(); await server.close(); } };
  } catch (error) {
    await server.close();
    return `Chromium did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Skips with the reason, except under CI, where a browser test must not pass without a browser. */
export function unavailable(t: ExecutionContext, reason: string): void {
  if (chromiumRequired()) t.fail(reason);
  else t.pass(`skipped: ${reason}`);
}

/** Opens the page and waits for the worker's first check (the status carries a checked version). Unless told
 *  to keep it, what an earlier test left in localStorage is cleared first, so the page starts on LeNet. */
export async function openPage(session: PlaygroundSession, url = session.url, keepStorage = false): Promise<Page> {
  const page = await session.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (!keepStorage) {
    await page.goto(session.url);
    await page.waitForSelector('#status[data-version]', { timeout: 20_000 });
    await page.evaluate(() => localStorage.clear());
  }
  await page.goto(url);
  await page.waitForSelector('#status[data-version]', { timeout: 20_000 }).catch((e: Error) => { throw new Error(`${e.message}; page errors: ${errors.join(' | ')}`); });
  return page;
}

/** The editor's text, from its rendered lines (the test networks are short enough to be rendered whole),
 *  without the inlay shapes drawn after them. */
export const editorText = (page: Page): Promise<string> => page.$$eval('.cm-content .cm-line', (lines) => lines.map((line) => {
  const copy = line.cloneNode(true) as HTMLElement;
  for (const inlay of copy.querySelectorAll('.netc-inlay')) inlay.remove();
  return copy.textContent ?? '';
}).join('\n'));

/** The text of the cursor's line, without its inlay shape. */
export const activeLineText = (page: Page): Promise<string> => page.$eval('.cm-activeLine', (line) => {
  const copy = line.cloneNode(true) as HTMLElement;
  for (const inlay of copy.querySelectorAll('.netc-inlay')) inlay.remove();
  return copy.textContent ?? '';
});

/** Puts the cursor at the end of the first rendered line containing `text`. */
export async function cursorAfter(page: Page, text: string): Promise<void> {
  const line = page.locator('.cm-content .cm-line', { hasText: text }).first();
  await line.click();
  await page.keyboard.press('End');
}
