// `node dist/scripts/editor_screenshot.js`: docs/editors.png (never by hand) — the playground's editor, on the
// same language services as `netc lsp`, with LeNet's lines ending in their inlay shapes and the hover of a
// conv open, in headless Chromium, cropped to the editor. `--example F --line TEXT` picks another file and the
// line whose first layer is hovered.
import type { Page } from 'playwright-core';
import { openBrowser } from '../test/helpers/chromium.js';
import { builtPlayground } from '../test/browser/playground_editor_page.js';
import { serveStatic } from './static_server.js';

const OUT = 'docs/editors.png';
const flag = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const EXAMPLE = flag('--example', 'lenet.net');
// The first layer line: its hover opens above it, over the header, so every layer line's shape stays in view.
const LAYER_LINE = flag('--line', 'conv(6, kernel: 5, pad: 2)');

/** The editor's box, tall enough for the file's last line and no taller. */
async function editorClip(page: Page) {
  const editor = (await page.locator('#editor').boundingBox())!;
  const last = (await page.locator('.cm-content .cm-line').last().boundingBox())!;
  return { x: editor.x, y: editor.y, width: Math.min(editor.width, 760), height: Math.min(editor.height, last.y + last.height + 16 - editor.y) };
}

const server = await serveStatic(await builtPlayground('editor-screenshot'));
const browser = await openBrowser({ viewport: { width: 1400, height: 720 } });
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#status[data-version]', { timeout: 30_000 });
  await page.evaluate(() => localStorage.clear());
  await page.goto(server.url);
  await page.waitForSelector('#status[data-version]', { timeout: 30_000 });
  if (EXAMPLE !== 'lenet.net') {
    const version = await page.locator('#status').getAttribute('data-version');
    await page.selectOption('#examples', EXAMPLE);
    await page.waitForFunction((v) => document.querySelector('#status')?.getAttribute('data-version') !== v, version, { timeout: 30_000 });
  }
  await page.waitForSelector('.netc-inlay', { timeout: 30_000 });
  await page.locator('.cm-line', { hasText: LAYER_LINE }).first().locator('.tok-layer').first().hover();
  const hover = page.locator('.netc-hover');
  await hover.waitFor({ timeout: 10_000 });
  const inlays = await page.locator('.netc-inlay').allInnerTexts();
  await page.screenshot({ path: OUT, clip: await editorClip(page) });
  console.log(`${OUT}: ${inlays.length} inlay shapes (${inlays.slice(0, 3).join(', ')}, …); hover over ${LAYER_LINE}: ${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 120)}`);
} finally {
  await browser.close();
  await server.close();
}
