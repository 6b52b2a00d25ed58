// The playground's Graph tab in Chromium: ResNet-18's layer nodes folded and unfolded against the IR, node ↔
// source line both ways, group headers that fold, and DenseNet/GoogLeNet laid out (ELK in its worker) in < 2 s.
import test from 'ava';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { compile } from '../../compiler/compile.js';
import { buildGraph } from '../../graph/index.js';
import { activeLineText, openPage, startPlayground, unavailable, type PlaygroundSession } from './playground_editor_page.js';

let session: PlaygroundSession | string;
test.before(async () => { session = await startPlayground('graph'); });
test.after.always(async () => { if (typeof session !== 'string') await session.close(); });

const irOf = (file: string) => {
  const { ir } = compile(readFileSync(`networks/${file}`, 'utf8'), { file: 'main.net' });
  if (!ir) throw new Error(`${file} does not compile`);
  return ir;
};

/** Picks an example, shows the Graph tab and waits for that network's SVG; returns its layout times. */
async function showGraph(page: Page, example: string, network: string): Promise<{ layoutMs: number; totalMs: number }> {
  await page.selectOption('#examples', example);
  await page.locator('.tabs [data-tab="graph"]').click();
  await page.waitForSelector(`.graph-canvas svg[data-network="${network}"]`, { timeout: 20_000 });
  return page.$eval('.graph-canvas', (el) => ({ layoutMs: Number((el as HTMLElement).dataset.layoutMs), totalMs: Number((el as HTMLElement).dataset.totalMs) }));
}

/** Waits for the next SVG after `action` (a fold, an unfold, a button). */
async function redrawn(page: Page, action: () => Promise<void>): Promise<void> {
  await page.$eval('.graph-canvas svg', (svg) => svg.setAttribute('data-old', ''));
  await action();
  await page.waitForSelector('.graph-canvas svg:not([data-old])', { timeout: 20_000 });
}

const layerNodes = (page: Page) => page.locator('.graph-canvas .netc-node[data-kind="layer"]').count();

test.serial('ResNet-18 renders its layer nodes folded by default and every IR layer expanded', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const ir = irOf('resnet18.net');
  const page = await openPage(session);
  await showGraph(page, 'resnet18.net', 'ResNet18');
  const folded = buildGraph(ir);
  const foldedLayers = folded.nodes.filter((n) => n.kind === 'layer').length;
  const groups = folded.nodes.filter((n) => n.kind === 'group');
  t.true(groups.length > 0, 'repeated blocks are folded by default');
  t.is(await layerNodes(page), foldedLayers);
  t.is(await page.locator('.graph-canvas .netc-group[data-collapsed="true"]').count(), groups.length);
  // Every IR layer is drawn once: as a node, or inside a folded group.
  t.is(foldedLayers + groups.reduce((s, g) => s + g.layers, 0), ir.nodes.length);

  await redrawn(page, () => page.getByRole('button', { name: 'Expand all' }).click());
  t.is(await layerNodes(page), ir.nodes.length);
  t.is(await page.locator('.graph-canvas .netc-group[data-collapsed="true"]').count(), 0);
  t.is(await page.locator('.graph-canvas .netc-edge text').count() > 0, true, 'edges carry shape labels');
  await page.close();
});

test.serial('a group header folds it and a folded group unfolds; a node click selects its line; the cursor highlights its nodes', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const lines = readFileSync('networks/resnet18.net', 'utf8').split('\n');
  const page = await openPage(session);
  await showGraph(page, 'resnet18.net', 'ResNet18');
  const before = await layerNodes(page);
  const folded = page.locator('.graph-canvas .netc-group[data-collapsed="true"]').first();
  const id = await folded.getAttribute('data-group');
  await redrawn(page, () => folded.click());
  t.true(await layerNodes(page) > before, 'unfolding shows its layers');
  const header = page.locator(`.graph-canvas .netc-group[data-group="${id}"][data-collapsed="false"] .netc-group-header`);
  await redrawn(page, () => header.click());
  t.is(await layerNodes(page), before, 'folding it again restores the drawing');

  const node = page.locator('.graph-canvas .netc-node[data-kind="layer"][data-op="dense"]');
  const line = Number(await node.getAttribute('data-line'));
  await node.click();
  t.is(await activeLineText(page), lines[line - 1]);
  t.regex(lines[line - 1], /head: dense\(classes\)/);

  await page.locator('.cm-line', { hasText: 'stem: {' }).click();
  await page.waitForSelector('.netc-node.netc-selected');
  const selected = await page.$$eval('.netc-node.netc-selected', (els) => els.map((e) => (e as SVGGElement).dataset.line));
  const stemLine = String(lines.findIndex((l) => l.includes('stem: {')) + 1);
  t.deepEqual([...new Set(selected)], [stemLine]);
  t.is(selected.length, 4, 'conv, batchnorm, relu and maxpool of the stem');
  await page.close();
});

for (const [example, network] of [['densenet.net', 'DenseNet'], ['googlenet.net', 'GoogLeNet']] as const) {
  test.serial(`${network} lays out in the page in under 2 s`, async (t) => {
    if (typeof session === 'string') return unavailable(t, session);
    const page = await openPage(session);
    const { layoutMs, totalMs } = await showGraph(page, example, network);
    // While the expanded graph is laid out, a 10 ms timer on the main thread records its longest wait.
    await page.evaluate(() => {
      const w = window as unknown as { longestGap: number };
      w.longestGap = 0;
      let last = performance.now();
      setInterval(() => { const now = performance.now(); w.longestGap = Math.max(w.longestGap, now - last); last = now; }, 10);
    });
    await redrawn(page, () => page.getByRole('button', { name: 'Expand all' }).click());
    const expanded = await page.$eval('.graph-canvas', (el) => Number((el as HTMLElement).dataset.totalMs));
    const gap = await page.evaluate(() => (window as unknown as { longestGap: number }).longestGap);
    t.log(`${network}: default view ${layoutMs} ms in the worker, ${totalMs} ms posted → drawn; expanded ${expanded} ms; longest main-thread stall ${gap.toFixed(0)} ms`);
    // The bound is on what the tab shows when opened (repeated blocks folded); the fully expanded drawing is
    // logged (about 2 s here with six builds sharing two cores: graph/layout.ts's ELK options decide it).
    t.true(totalMs < 2000, `${totalMs} ms`);
    t.true(expanded > 0);
    await page.close();
  });
}
