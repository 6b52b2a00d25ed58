// `npm run demo:finetune`: D2L's fine-tuning experiment (§14.2) on Fashion-MNIST, end to end through the CLI.
// Pretrain SmallResNet on the clothes (classes 0–4, the full training split), then learn the shoes and bags
// (classes 5–9) from only 100 labelled images per class: fine-tuned from the pretrained weights (a new head at
// 10× the learning rate), fine-tuned with the feature extractor frozen, and trained from scratch with the same
// budget. Writes docs/finetune.md's results (and the runs' curves) from what it measured.
//   node dist/scripts/demo_finetune.js [--work DIR] [--doc docs/finetune.md] [--pretrain-epochs 3] [--epochs 5] [--backend wasm]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { writeFashionImageFolder } from './fashion_image_folder.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const work = option('work', 'runs/demo-finetune');
const docPath = option('doc', 'docs/finetune.md');
const pretrainEpochs = option('pretrain-epochs', '3');
const epochs = option('epochs', '5');
const backend = option('backend', 'wasm');
// Chosen by the grid in docs/finetune.md (each method at its best of three rates, 5 epochs).
const fineTuneLr = 0.002;
const scratchLr = 0.02;

interface TrainJson {
  network: string;
  epochs: number;
  testAccuracy: number;
  bestTestAccuracy?: number;
  imagesPerSec: number;
  seconds: number;
  runDir: string;
  init?: { copied: number; initialized: number };
}

/** Runs `netc train … --json` with progress on this terminal; returns its summary line. */
function netcTrain(label: string, args: string[]): TrainJson & { command: string; history: { epoch: number; testAccuracy: number }[] } {
  const command = `netc train ${args.join(' ')}`;
  process.stderr.write(`\n== ${label}\n$ ${command}\n`);
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', 'train', ...args, '--backend', backend, '--force', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status})`);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as TrainJson;
  const history = readFileSync(join(summary.runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { epoch?: number; testAccuracy: number })
    .filter((l): l is { epoch: number; testAccuracy: number } => l.epoch !== undefined); // --trace-grad's lines have no epoch
  return { ...summary, command, history };
}

const started = performance.now();
const data = join(work, 'data');
if (existsSync(work)) rmSync(work, { recursive: true, force: true });
mkdirSync(data, { recursive: true });

// 1. The data: clothes with every training image; shoes and bags with 100 per class (and all their test images).
const t0 = performance.now();
const clothes = writeFashionImageFolder({ out: join(data, 'clothes'), classes: [0, 1, 2, 3, 4], trainPerClass: 6000 });
const shoes = writeFashionImageFolder({ out: join(data, 'shoes'), classes: [5, 6, 7, 8, 9], trainPerClass: 100 });
process.stderr.write(`wrote ${clothes.train} + ${clothes.test} clothes and ${shoes.train} + ${shoes.test} shoe/bag PNGs in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

// 2. Pretrain on the clothes.
const pretrain = netcTrain('pretrain SmallResNet on the clothes (classes 0–4)', [
  'examples/finetune/small_resnet.net', '--data', join(data, 'clothes'), '--epochs', pretrainEpochs, '--optimizer', 'adam', '--lr', '0.002',
  '--schedule', 'cosine', '--out', join(work, 'pretrain'),
]);

// 3. Three ways to learn the shoes and bags from 500 images, with the same budget (epochs, batch, optimizer).
const common = ['--data', join(data, 'shoes'), '--epochs', epochs, '--batch', '50', '--optimizer', 'adam', '--schedule', 'cosine'];
const finetune = netcTrain('fine-tune: every layer, the new head at 10× lr', ['examples/finetune/shoes.net', '--network', 'Shoes', '--init-from', join(work, 'pretrain'), '--lr', String(fineTuneLr), ...common, '--out', join(work, 'finetune')]);
const frozen = netcTrain('fine-tune: feature extractor frozen, only the head learns', ['examples/finetune/shoes.net', '--network', 'ShoesFrozen', '--init-from', join(work, 'pretrain'), '--lr', String(fineTuneLr), ...common, '--out', join(work, 'frozen')]);
// From scratch every layer learns at the rate the new head has above (D2L: 10× the fine-tuning rate).
const scratch = netcTrain('from scratch: the same network, randomly initialized', ['examples/finetune/small_resnet.net', '--lr', String(scratchLr), ...common, '--out', join(work, 'scratch')]);
const minutes = (performance.now() - started) / 60_000;

// 4. docs/finetune.md's results section, with each run's curves beside it.
const figures = join(dirname(docPath), 'finetune');
mkdirSync(figures, { recursive: true });
const runs = [
  ['fine-tuned (all layers, head 10× lr)', finetune, 'finetune'],
  ['fine-tuned, feature extractor frozen', frozen, 'frozen'],
  ['trained from scratch', scratch, 'scratch'],
] as const;
for (const [, run, name] of runs) copyFileSync(join(run.runDir, 'curves.svg'), join(figures, `${name}.svg`));
copyFileSync(join(pretrain.runDir, 'curves.svg'), join(figures, 'pretrain.svg'));
const best = (r: { history: { testAccuracy: number }[] }) => Math.max(...r.history.map((h) => h.testAccuracy));
const pct = (x: number) => (100 * x).toFixed(1);
const table = [
  '| run | test accuracy (last epoch) | best epoch | seconds | command |',
  '|---|---|---|---|---|',
  ...runs.map(([label, run, name]) => `| [${label}](finetune/${name}.svg) | **${pct(run.testAccuracy)} %** | ${pct(best(run))} % | ${run.seconds.toFixed(0)} | \`${run.command}\` |`),
].join('\n');
const gain = finetune.testAccuracy - scratch.testAccuracy;
const results = `<!-- results: written by npm run demo:finetune (scripts/demo_finetune.ts) -->
Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, backend ${backend}, in ${minutes.toFixed(1)} minutes end to end.

Pretraining (${pretrain.epochs} epochs on ${clothes.train.toLocaleString('en-US')} clothes images, [curves](finetune/pretrain.svg)): test accuracy **${pct(pretrain.testAccuracy)} %** on the 5 clothes classes, ${pretrain.imagesPerSec.toFixed(0)} img/s.

Classes 5–9, ${shoes.train} training images (100 per class), evaluated on all ${shoes.test.toLocaleString('en-US')} test images of those classes, ${epochs} epochs each:

${table}

${gain > 0 ? `Fine-tuning beats training from scratch by **${pct(gain)} points**` : `Fine-tuning does **not** beat training from scratch here (${pct(-gain)} points behind)`} (${pct(finetune.testAccuracy)} % against ${pct(scratch.testAccuracy)} %); with the feature extractor frozen, ${pct(frozen.testAccuracy)} %.
<!-- end of results -->`;
const doc = readFileSync(docPath, 'utf8');
const start = doc.indexOf('<!-- results:');
const end = doc.indexOf('<!-- end of results -->');
if (start < 0 || end < 0) throw new Error(`${docPath} has no results markers`);
writeFileSync(docPath, doc.slice(0, start) + results + doc.slice(end + '<!-- end of results -->'.length));
process.stderr.write(`\n${table}\n\nwrote ${docPath} and ${relative('.', figures)}/*.svg (${minutes.toFixed(1)} min)\n`);
if (gain <= 0) {
  process.stderr.write('fine-tuning did not beat training from scratch\n');
  process.exit(1);
}
