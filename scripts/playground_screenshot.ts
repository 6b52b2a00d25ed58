// `npm run docs:screenshot`: opens the built playground in headless Chromium, trains LeNet on webgl (`--backend B`
// for another) for `--steps N` read-backs (default 300, at batch 16 with Adam 0.003: sigmoid LeNet leaves chance within them) or a whole epoch (`--steps 0`), stops (the page then shows test
// accuracy and the confusion matrix), draws a stroke for predict, and writes docs/playground.png (never by hand).
import { openBrowser } from '../test/helpers/chromium.js';
import { openTraining, playgroundServer, setRun, trainSteps } from '../test/browser/playground_train_page.js';

const OUT = 'docs/playground.png';
const flag = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const backendFlag = flag('--backend', 'webgl');
const steps = Number(flag('--steps', '300'));

const server = await playgroundServer();
const browser = await openBrowser({ viewport: { width: 1400, height: 1500 } });
try {
  const page = await browser.context.newPage();
  const backend = await openTraining(page, server.url, backendFlag);
  await setRun(page, { epochs: 1, batch: 16, lr: 0.003, optimizer: 'adam', syncEvery: 1 });
  const run = await trainSteps(page, steps, { finish: steps === 0, timeout: 1_800_000 });
  await page.locator('[data-role=draw]').scrollIntoViewIfNeeded();
  const box = (await page.locator('[data-role=draw]').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.35 + 0.01 * i), box.y + box.height * (0.15 + 0.06 * i));
  await page.mouse.up();
  await page.locator('[data-role=top3] li').first().waitFor({ timeout: 30_000 });
  await page.locator('#training').evaluate((el) => el.closest('.pane')?.scrollTo(0, 0));
  await page.screenshot({ path: OUT });
  const last = run.steps.at(-1);
  console.log(`${OUT}: LeNet on ${backend}, ${run.steps.length} read-backs, test accuracy ${run.testAccuracy?.toFixed(4)}, ${last?.imagesPerSec.toFixed(0)} img/s`);
} finally {
  await browser.close();
  await server.close();
}
