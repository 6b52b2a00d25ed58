// netc train's issue #15 flags from the command line: --label-smoothing's range, --schedule onecycle with the
// best epoch in the end line and --json, and --val-split's final test figure.
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { netc, lastJson } from '../helpers/cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-cli-features-'));
const small = ['networks/lenet_bn.net', '--backend', 'wasm', '--limit', '512', '--epochs', '2', '--batch', '64', '--json'];

test('--label-smoothing 1 and -0.1 are usage errors (exit 2) before anything runs', (t) => {
  for (const value of ['1', '-0.1']) {
    const r = netc('train', 'networks/lenet_bn.net', '--label-smoothing', value, '--out', scratch());
    t.is(r.code, 2, r.stderr);
    t.regex(r.stderr, /^netc: --label-smoothing needs a number >= 0/m);
  }
  const r = netc('train', 'networks/lenet_bn.net', '--schedule', 'cyclic');
  t.is(r.code, 2);
  t.regex(r.stderr, /onecycle/);
});

test('onecycle + label smoothing: the best epoch ends the output and --json has bestEpoch and bestAccuracy', (t) => {
  const dir = scratch();
  const r = netc('train', ...small, '--test-limit', '128', '--schedule', 'onecycle', '--lr', '0.2', '--optimizer', 'momentum', '--label-smoothing', '0.1', '--out', dir);
  t.is(r.code, 0, r.stderr);
  const summary = lastJson(r.stdout);
  const epochs = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const best = Math.max(...epochs.map((e) => e.testAccuracy));
  t.is(summary.bestAccuracy, best);
  t.is(summary.bestEpoch, epochs.find((e) => e.testAccuracy === best).epoch);
  t.is(summary.finalTestAccuracy, undefined);
  t.regex(r.stderr, new RegExp(`^best test acc ${best.toFixed(4)} at epoch ${summary.bestEpoch}$`, 'm'));
  t.regex(r.stderr, /lr 0\.2 \(onecycle\), label smoothing 0\.1/);
  t.true(epochs[1].lr < 1e-4, `the last step's rate ends the cycle: ${epochs[1].lr}`);
});

test('--val-split: best val acc, then the final weights once on the test split as the last line; finalTestAccuracy', (t) => {
  const r = netc('train', ...small, '--val-split', '0.25', '--schedule', 'cosine', '--optimizer', 'adam', '--out', scratch());
  t.is(r.code, 0, r.stderr);
  const summary = lastJson(r.stdout);
  t.is(summary.evalSplit, 'validation');
  t.is(typeof summary.finalTestAccuracy, 'number');
  const lines = r.stderr.trim().split('\n');
  t.regex(lines[lines.length - 2], /^best val acc 0\.\d{4} at epoch [12]$/);
  t.is(lines[lines.length - 1], `test accuracy ${summary.finalTestAccuracy.toFixed(4)} of the final weights (epoch 2; the test split, evaluated once)`);
});
