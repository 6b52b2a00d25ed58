// The playground's editor in Chromium: live diagnostics within 500 ms of the keystroke, hover, completion,
// the URL-hash link and the examples menu.
import test from 'ava';
import { activeLineText, cursorAfter, editorText, openPage, startPlayground, unavailable, type PlaygroundSession } from './playground_editor_page.js';

let session: PlaygroundSession | string;
test.before(async () => { session = await startPlayground('editor'); });
test.after.always(async () => { if (typeof session !== 'string') await session.close(); });

test.serial('a shape error typed into LeNet is underlined on its line within 500 ms, and fixing it clears it', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  t.is(await page.locator('.cm-lintRange').count(), 0, 'LeNet checks clean');
  // The keystroke's time and the mark's first appearance, both taken inside the page.
  await page.evaluate(() => {
    const w = window as unknown as { keyAt?: number; markAt?: number };
    document.addEventListener('keydown', () => { w.keyAt = performance.now(); }, { capture: true });
    new MutationObserver(() => { if (w.markAt === undefined && document.querySelector('.cm-lintRange-error')) w.markAt = performance.now(); })
      .observe(document.querySelector('.cm-content')!, { subtree: true, childList: true, attributes: true });
  });
  await cursorAfter(page, 'conv(16, kernel: 5)');
  for (let i = 0; i < '); sigmoid'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('0'); // kernel 50 on a 14×14 input: NET3005
  await page.waitForSelector('.cm-lintRange-error', { timeout: 5_000 });
  const ms = await page.evaluate(() => { const w = window as unknown as { keyAt: number; markAt: number }; return w.markAt - w.keyAt; });
  t.log(`keystroke → underline: ${ms.toFixed(0)} ms`);
  t.true(ms < 500, `${ms.toFixed(0)} ms`);
  const mark = page.locator('.cm-lintRange-error').first();
  t.regex(await mark.evaluate((el) => el.closest('.cm-line')?.textContent ?? ''), /conv\(16, kernel: 50\)/);
  t.is(await mark.evaluate((el) => [...document.querySelectorAll('.cm-content .cm-line')].indexOf(el.closest('.cm-line')!) + 1), 7);
  await mark.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor({ timeout: 5_000 });
  t.regex(await tooltip.innerText(), /NET3005: conv window 50×50 is larger than its padded input 14×14[\s\S]*hint: reduce the kernel/);
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange').length === 0, undefined, { timeout: 5_000 });
  t.regex(await page.locator('#status').innerText(), /LeNet/);
  await page.close();
});

test.serial('an error inside a block shows the block call chain', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  await page.selectOption('#examples', 'resnet18.net');
  await page.waitForFunction(() => (document.querySelector('#network') as HTMLSelectElement | null)?.value === 'ResNet18', undefined, { timeout: 10_000 });
  await cursorAfter(page, 'pad: 1); batchnorm');
  for (let i = 0; i < ', pad: 1); batchnorm'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('0'); // kernel 30 in the block's second conv: stage1's first call errs
  const mark = page.locator('.cm-lintRange-error').first();
  await mark.waitFor({ timeout: 5_000 });
  t.regex(await mark.evaluate((el) => el.closest('.cm-line')?.textContent ?? ''), /conv\(channels, kernel: 30, pad: 1\); batchnorm/);
  await mark.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor({ timeout: 5_000 });
  t.regex(await tooltip.innerText(), /NET3005[\s\S]*in block basic, called at main\.net:18:\d+/);
  await page.close();
});

test.serial('hover over a layer shows its output shape, params and MACs; inlay shapes end each layer line', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  // Highlighting classes come from the grammar's lexer (compiler/services highlightTokens).
  t.is(await page.locator('.tok-keyword').first().innerText(), 'network');
  t.true((await page.locator('.tok-comment').first().innerText()).startsWith('# LeNet-5'));
  t.deepEqual(await page.locator('.cm-line', { hasText: 'conv(6, kernel: 5, pad: 2)' }).locator('.tok-number').allInnerTexts(), ['6', '5', '2']);
  await page.locator('.cm-line', { hasText: 'conv(6, kernel: 5, pad: 2)' }).locator('.tok-layer', { hasText: 'conv' }).hover();
  const hover = page.locator('.netc-hover');
  await hover.waitFor({ timeout: 5_000 });
  const text = await hover.innerText();
  t.regex(text, /output \[6, 28, 28\]/);
  t.regex(text, /\b156 params/); // 6 × (1 × 5 × 5) + 6
  t.regex(text, /\b117,600 MACs/); // 6 × 28 × 28 × 25
  // The same shapes sit inline at the end of each layer line.
  await page.waitForSelector('.netc-inlay');
  t.is(await page.locator('.cm-line', { hasText: 'conv(6, kernel: 5, pad: 2)' }).locator('.netc-inlay').innerText(), '[6, 28, 28]');
  t.is(await page.locator('.cm-line', { hasText: 'dense(84)' }).locator('.netc-inlay').innerText(), '[84]');
  await page.close();
});

test.serial('completion after `conv(` offers its arguments', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  await cursorAfter(page, 'flatten');
  await page.keyboard.press('Enter');
  await page.keyboard.type('conv(');
  await page.waitForSelector('.cm-completionLabel', { timeout: 5_000 });
  const labels = await page.$$eval('.cm-completionLabel', (els) => els.map((e) => e.textContent));
  for (const arg of ['kernel', 'stride', 'pad']) t.true(labels.includes(arg), `${arg} in ${labels.join(', ')}`);
  t.false(labels.includes('relu'), 'inside a call: arguments, not layers');
  await page.close();
});

test.serial('the URL-hash link reproduces the file and settings in a fresh page, over what localStorage holds', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  await page.waitForFunction(() => location.hash.startsWith('#s='), undefined, { timeout: 5_000 });
  const before = page.url();
  await page.locator('.tabs [data-tab="graph"]').click();
  await cursorAfter(page, 'dense(84); sigmoid');
  await page.keyboard.type('  # shared ✓ link');
  // A second network in the file, picked in the network menu: the link carries the pick too.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nnetwork Tiny { input [1, 28, 28]; flatten; dense(10) }');
  await page.waitForFunction(() => document.querySelectorAll('#network option').length === 2, undefined, { timeout: 5_000 });
  await page.selectOption('#network', 'Tiny');
  await page.waitForFunction(() => /^Tiny:/.test(document.querySelector('#summary .summary-totals')?.textContent ?? ''), undefined, { timeout: 5_000 });
  await page.waitForFunction((old) => location.href !== old, before, { timeout: 5_000 });
  await page.waitForTimeout(500); // the hash is rewritten 200 ms after the last change
  const text = await editorText(page);
  const link = page.url();
  t.regex(link, /#s=[A-Za-z0-9_-]+$/);
  await page.close();

  const other = await openPage(session, session.url);
  await other.evaluate(() => localStorage.setItem('netc.playground', JSON.stringify({ text: 'network Other { input [3, 8, 8] }', settings: {} })));
  await other.close();
  const fresh = await openPage(session, link, true);
  t.is(await editorText(fresh), text);
  t.true(text.includes('# shared ✓ link'));
  t.is(await fresh.locator('.tabs [data-tab="graph"]').getAttribute('aria-selected'), 'true');
  t.is(await fresh.locator('#network').inputValue(), 'Tiny');
  await fresh.waitForSelector('.graph-canvas svg[data-network="Tiny"]', { timeout: 20_000 });
  await fresh.close();
});

test.serial('an examples-menu pick loads that network', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  const options = await page.$$eval('#examples option', (els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
  t.true(options.length >= 15 && options.includes('resnet18.net') && options.includes('densenet.net'), options.join(', '));
  await page.selectOption('#examples', 'resnet18.net');
  await page.waitForFunction(() => (document.querySelector('#network') as HTMLSelectElement | null)?.value === 'ResNet18', undefined, { timeout: 10_000 });
  t.regex(await editorText(page), /network ResNet18\(classes = 10, size = 96\)/);
  await page.waitForFunction(() => document.querySelectorAll('#summary table.summary tr.summary-layer').length > 20, undefined, { timeout: 10_000 });
  t.regex(await page.locator('#summary .summary-totals').innerText(), /^ResNet18: input \[1, 96, 96\]/);
  await page.close();
});

test.serial('the Summary tab lists `netc summary`\'s rows, and a row click selects its source line', async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  const rows = await page.$$eval('#summary table.summary tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  t.is(rows.length, 12, 'LeNet: 12 layers');
  t.deepEqual(rows[0].slice(1), ['conv', '[6, 28, 28]', '156', '117,600']);
  t.regex(await page.locator('#summary .summary-totals').innerText(), /61,706 params/);
  const dense84 = page.locator('#summary tbody tr', { hasText: '[84]' }).filter({ hasText: 'dense' });
  await dense84.click();
  t.is(await activeLineText(page), '  dense(84); sigmoid');
  await page.close();
});

test.serial("the lint tooltip's quick fix adds the missing flatten, Shift-Alt-F applies netc fmt's layout, F12 jumps to a block", async (t) => {
  if (typeof session === 'string') return unavailable(t, session);
  const page = await openPage(session);
  // Deleting LeNet's flatten: the first dense now sees an image (NET3004), and the service offers the fix.
  await cursorAfter(page, 'flatten');
  for (let i = 0; i < 'flatten'.length; i++) await page.keyboard.press('Backspace');
  const mark = page.locator('.cm-lintRange-error').first();
  await mark.waitFor({ timeout: 5_000 });
  await mark.hover();
  const fix = page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: "Add 'flatten' before it" });
  await fix.waitFor({ timeout: 5_000 });
  await fix.click();
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange').length === 0, undefined, { timeout: 5_000 });
  t.regex(await editorText(page), /avgpool\(2, stride: 2\)\n\s*flatten\n\s*dense\(120\); sigmoid/);

  // Badly spaced text comes back in netc fmt's layout; a syntax error is refused with a message, text untouched.
  await cursorAfter(page, 'dense(84); sigmoid');
  await page.keyboard.press('Home');
  await page.keyboard.type('      ');
  await page.keyboard.press('End');
  await page.keyboard.type('   ');
  await page.keyboard.press('Shift+Alt+F');
  const formatted = async () => /\n {2}dense\(84\); sigmoid\n/.test(await editorText(page));
  for (let i = 0; i < 50 && !(await formatted()); i++) await page.waitForTimeout(100);
  t.true(await formatted(), await editorText(page));
  t.false((await editorText(page)).includes('   \n'), 'no trailing white space');
  await page.keyboard.type(' =');
  await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 5_000 }); // the check's status first, then the refusal's
  const broken = await editorText(page);
  await page.keyboard.press('Shift+Alt+F');
  await page.waitForFunction(() => /not formatted: fix the syntax error/.test(document.querySelector('#status')?.textContent ?? ''), undefined, { timeout: 5_000 });
  t.is(await editorText(page), broken);

  // Go to definition: on ResNet-18's first `basic(` call, F12 selects the block's name in its definition.
  await page.selectOption('#examples', 'resnet18.net');
  await page.waitForFunction(() => (document.querySelector('#network') as HTMLSelectElement | null)?.value === 'ResNet18', undefined, { timeout: 10_000 });
  const call = page.locator('.cm-content .cm-line', { hasText: /\bbasic\(/ }).last();
  await call.click();
  const column = (await activeLineText(page)).indexOf('basic(');
  // Home stops at the indentation first, then at the line's start.
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = 0; i < column + 2; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('F12');
  await page.waitForFunction(() => /^block basic\(/.test(document.querySelector('.cm-activeLine')?.textContent ?? ''), undefined, { timeout: 5_000 });
  t.is(await page.evaluate(() => window.getSelection()?.toString()), 'basic');
  await page.close();
});
