// npm run bench:browser — in one headless Chromium run: LeNet and LeNet-BN training and inference images/s on
// webgpu and webgl, netc vs the same network in tfjs-layers (same engine, same page), and netc in Node on
// this machine; medians of --repeat N runs, ratios, and on WebGL where a netc training step's time goes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { openBrowser } from '../test/helpers/chromium.js';
import { serveStatic } from '../scripts/static_server.js';
import { buildPage } from '../test/browser/harness/build_page.js';
import type { NetcBench } from './browser/entry.js';
import type { Rates, StepProfile } from './browser/measure.js';
import { nodeRates } from './browser/node_rates.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const repeat = Math.max(1, Number(flag('repeat') ?? 3));
const timed = Math.max(1, Number(flag('steps') ?? 3));
const batch = Number(flag('batch') ?? 256);
const backends = (flag('backends') ?? 'webgpu,webgl').split(',');
const networks = [
  { name: 'lenet', file: 'networks/lenet.net' },
  { name: 'lenet_bn', file: 'networks/lenet_bn.net' },
].filter((n) => (flag('networks') ?? 'lenet,lenet_bn').split(',').includes(n.name));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medianRates = (runs: Rates[]): Rates => ({ train: median(runs.map((r) => r.train)), infer: median(runs.map((r) => r.infer)), firstTrainMs: median(runs.map((r) => r.firstTrainMs)) });
const fmt = (v: number) => v.toFixed(0).padStart(7);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(7);
type Window = { netcBench: NetcBench };

async function main() {
  mkdirSync('dist', { recursive: true });
  const dir = mkdtempSync(join('dist', 'bench-browser-'));
  await buildPage('bench/browser/entry.ts', 'bench/browser/index.html', dir);
  const server = await serveStatic(dir);
  const browser = await openBrowser();
  const page = await browser.context.newPage();
  const version = browser.browser.version();
  console.log(`npm run bench:browser — images/s at batch ${batch}, median of ${repeat} run(s) × median of ${timed} timed steps after a warm-up step (higher is better)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; headless Chromium ${version}`);
  const rows: string[] = [];
  const profiles: string[] = [];
  try {
    for (const backend of backends) {
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const info = await page.evaluate((b) => (window as unknown as Window).netcBench.startBrowserBackend(b as 'webgpu'), backend);
      console.log(`${backend}: ${info.adapter}`);
      for (const net of networks) {
        const source = readFileSync(net.file, 'utf8');
        const ours: Rates[] = [];
        const theirs: Rates[] = [];
        for (let r = 0; r < repeat; r++) {
          ours.push(await page.evaluate(([s, n, k]) => (window as unknown as Window).netcBench.netcRates(s, n, k), [source, batch, timed] as const));
          theirs.push(await page.evaluate(([s, n, k]) => (window as unknown as Window).netcBench.layersRates(s, n, k), [net.name, batch, timed] as const));
        }
        const [a, b] = [medianRates(ours), medianRates(theirs)];
        rows.push(`| ${net.name} | ${backend} | ${fmt(a.train)} | ${fmt(b.train)} | ${ratio(a.train, b.train)} | ${fmt(a.infer)} | ${fmt(b.infer)} | ${ratio(a.infer, b.infer)} | ${(a.firstTrainMs / 1000).toFixed(1)} s / ${(b.firstTrainMs / 1000).toFixed(1)} s |`);
        console.log(rows.at(-1));
        if (backend === 'webgl' && net.name === 'lenet') {
          const p: StepProfile = await page.evaluate(([s, n]) => (window as unknown as Window).netcBench.netcStepProfile(s, n), [source, batch] as const);
          profiles.push(`webgl, one netc LeNet training step: wall ${p.wallMs.toFixed(0)} ms, kernels ${p.kernelMs.toFixed(0)} ms, upload wait ${p.uploadWaitMs?.toFixed(0) ?? '–'} ms, readback wait ${p.downloadWaitMs?.toFixed(0) ?? '–'} ms; top kernels: ${p.kernels.map((k) => `${k.name}×${k.count} ${k.ms.toFixed(0)} ms`).join(', ')}`);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const node = await nodeRates(networks, batch, timed, repeat);
  for (const n of node.rows) rows.push(`| ${n.name} | node ${node.backend} | ${fmt(n.train)} | – | – | ${fmt(n.infer)} | – | – | ${(n.firstTrainMs / 1000).toFixed(1)} s / – |`);
  console.log(`node: ${node.adapter}`);
  console.log('\n| network | backend | netc train | tfjs-layers train | netc ÷ layers | netc infer | tfjs-layers infer | netc ÷ layers | first train step (netc / layers) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  for (const p of profiles) console.log(`\n${p}`);
  process.exit(0);
}

await main();
