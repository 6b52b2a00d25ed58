// netc train --trace-grad through the CLI: a deep sigmoid stack's trace lines in metrics.jsonl (every layer, finite
// positive gradient norms, the bottom layers' far smaller than the top's: vanishing gradients), gradients.svg with
// one row per layer, and a resumed run that keeps the earlier epochs' trace lines.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { netc, lastJson } from '../helpers/cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-trace-'));
const LAYERS = ['c1', 'c2', 'fc1', 'fc2', 'fc3', 'fc4', 'out'];
const network = `network DeepSigmoid {
  input [1, 28, 28]
  c1: conv(4, kernel: 3, pad: 1); sigmoid
  avgpool(2, stride: 2)
  c2: conv(8, kernel: 3, pad: 1); sigmoid
  avgpool(2, stride: 2)
  flatten
  fc1: dense(32); sigmoid
  fc2: dense(32); sigmoid
  fc3: dense(32); sigmoid
  fc4: dense(32); sigmoid
  out: dense(10)
}
`;

interface Trace {
  step: number;
  epoch: number;
  layers: { name: string; gradNorm: number; weightNorm: number; actMean: number; actStd: number; saturated: number; dead: number }[];
}

const readMetrics = (dir: string) => readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

test('--trace-grad 3 on a deep sigmoid stack: trace lines per contract, vanishing gradients at the bottom, gradients.svg', (t) => {
  const dir = scratch();
  const file = join(dir, 'deep.net');
  writeFileSync(file, network);
  const out = join(dir, 'run');
  const args = ['train', file, '--backend', 'wasm', '--limit', '256', '--test-limit', '64', '--batch', '32', '--trace-grad', '3', '--out', out, '--json'];
  const r = netc(...args, '--epochs', '1');
  t.is(r.code, 0, r.stderr);
  const lines = readMetrics(out);
  const traces: Trace[] = lines.filter((l) => l.trace).map((l) => l.trace);
  // 8 steps per epoch: steps 1, 3 and 6 are traced, each line before its epoch's line.
  t.deepEqual(traces.map((x) => x.step), [1, 3, 6]);
  t.deepEqual(lines.map((l) => (l.trace ? 'trace' : l.epoch)), ['trace', 'trace', 'trace', 1]);
  for (const trace of traces) {
    t.is(trace.epoch, 1);
    t.deepEqual(trace.layers.map((l) => l.name), LAYERS);
    for (const l of trace.layers) {
      t.true(Number.isFinite(l.gradNorm) && l.gradNorm > 0, `${l.name} gradNorm ${l.gradNorm}`);
      t.true(l.weightNorm > 0 && Number.isFinite(l.actMean) && l.actStd >= 0, l.name);
    }
    const g = Object.fromEntries(trace.layers.map((l) => [l.name, l.gradNorm]));
    // Products of sigmoid derivatives (≤ 1/4 each) starve the bottom: c1's gradient is orders below out's.
    t.true(g.c1 < g.fc4 / 100 && g.c2 < g.fc4 && g.fc1 < g.fc4 && g.fc4 < g.out, JSON.stringify(g));
  }
  const svg = readFileSync(join(out, 'gradients.svg'), 'utf8');
  t.regex(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n$/);
  t.deepEqual([...svg.matchAll(/<g class="grad-row" data-layer="([^"]+)">/g)].map((m) => m[1]), LAYERS);
  t.is(lastJson(r.stdout).epochs, 1);

  // Resume to epoch 2: epoch 1's trace lines stay, epoch 2's follow (run steps 9, 12, 15), the picture has all six.
  const resumed = netc(...args, '--epochs', '2', '--resume', out);
  t.is(resumed.code, 0, resumed.stderr);
  const after = readMetrics(out);
  t.deepEqual(after.filter((l) => l.trace).map((l) => l.trace.step), [1, 3, 6, 9, 12, 15]);
  t.deepEqual(after.filter((l) => !l.trace).map((l) => l.epoch), [1, 2]);
  const cells = readFileSync(join(out, 'gradients.svg'), 'utf8').split('<g class="grad-row" data-layer="c1">')[1].split('</g>')[0];
  t.is([...cells.matchAll(/<rect /g)].length, 6);
});

test('without --trace-grad metrics.jsonl has epoch lines only and no gradients.svg', (t) => {
  const out = scratch();
  const r = netc('train', 'networks/lenet_bn.net', '--backend', 'wasm', '--limit', '128', '--test-limit', '32', '--batch', '64', '--epochs', '1', '--out', out);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(readMetrics(out).map((l) => Object.keys(l)[0]), ['epoch']);
  t.throws(() => readFileSync(join(out, 'gradients.svg')));
});
