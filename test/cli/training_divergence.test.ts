// What training writes is sane: a run whose weights blow up or whose loss explodes stops with exit 1 and
// writes nothing over the last good checkpoint (which the message names — or says there is none yet), and
// flags that cannot work (--lr beyond float32, --batch beyond the split, empty splits) stop before epoch 1.
import test from 'ava';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDataset } from '../helpers/idx_files.js';
import { lastJson } from '../helpers/cli.js';
import { assertOneLineError, netcAsync, runAll, scratch, writeTinyNet } from '../helpers/checkpoint_runs.js';

const work = scratch('netc-diverge-');
const net = writeTinyNet(work);
const small = ['--backend', 'cpu', '--limit', '64', '--test-limit', '32', '--batch', '64'];

test('weights that explode in the last step of an epoch stop the run: exit 1, nothing written, "no checkpoint was written yet"', async (t) => {
  // One step per epoch: the loss read before the update is finite; the update leaves weights of ~1e37.
  for (const lr of ['1e37', '3e38']) {
    const out = join(work, `explode-${lr}`);
    const r = await netcAsync('train', net, ...small, '--epochs', '1', '--lr', lr, '--out', out);
    assertOneLineError(t, r, 'no checkpoint was written yet', /^netc: epoch 1 left [\d,]+ of 50,618 weights and optimizer values non-finite or past ±1\.8e\+19 .*training stopped before writing its checkpoint, and no checkpoint was written yet/, `--lr ${lr}`);
    t.false(existsSync(join(out, 'model.safetensors')), `--lr ${lr}: no checkpoint of a blown-up model`);
    t.false(existsSync(join(out, 'metrics.jsonl')) && readFileSync(join(out, 'metrics.jsonl'), 'utf8').length > 0, `--lr ${lr}: no metrics for the failed epoch`);
  }
});

test.serial('a resume that blows up keeps the good epoch-1 checkpoint byte for byte, names it, and can be resumed again', async (t) => {
  const run = join(work, 'good');
  const first = await netcAsync('train', net, ...small, '--epochs', '1', '--lr', '0.1', '--out', run);
  t.is(first.code, 0, first.stderr);
  const before = readdirSync(run).map((f) => [f, readFileSync(join(run, f))] as const);
  const blown = await netcAsync('train', net, ...small, '--epochs', '2', '--lr', '1e37', '--resume', run);
  const path = join(run, 'model.safetensors');
  assertOneLineError(t, blown, path, new RegExp(`epoch 2 left .* and the checkpoint of epoch 1 is kept in ${path}\\. Try a smaller --lr`), 'blown-up resume');
  for (const [file, bytes] of before) {
    if (file === 'data.json') continue;
    t.deepEqual(readFileSync(join(run, file)), bytes, `${file} is as epoch 1 left it`);
  }
  const again = await netcAsync('train', net, ...small, '--epochs', '2', '--lr', '0.1', '--resume', run, '--json');
  t.is(again.code, 0, again.stderr);
  t.is(lastJson(again.stdout).epochs, 2);
});

test('a finite but exploding loss is a divergence; the threshold (1e4 × ln classes) is in the message', async (t) => {
  const out = join(work, 'exploding');
  const r = await netcAsync('train', net, '--backend', 'cpu', '--limit', '512', '--test-limit', '32', '--batch', '64', '--epochs', '1', '--lr', '1e6', '--out', out);
  assertOneLineError(t, r, 'no checkpoint was written yet', /^netc: the mean loss reached [\d.e+]+ in epoch 1 \(steps 1–\d+ of 8, lr 1000000\), past the divergence threshold 23026 \(10000 × ln 10, the loss of guessing among 10 classes\); training stopped and no checkpoint was written yet/, '--lr 1e6');
  t.false(existsSync(join(out, 'model.safetensors')));
});

test('a loss that becomes NaN in epoch 1 says that no checkpoint exists yet (not "epoch 0 is kept")', async (t) => {
  const out = join(work, 'nan');
  const r = await netcAsync('train', net, '--backend', 'cpu', '--limit', '512', '--test-limit', '32', '--batch', '64', '--epochs', '1', '--lr', '1e30', '--out', out);
  assertOneLineError(t, r, 'no checkpoint was written yet', /^netc: the (loss became NaN|mean loss reached [\d.e+]+) in epoch 1 .*training stopped and no checkpoint was written yet/, '--lr 1e30');
  t.notRegex(r.stderr, /epoch 0/);
  t.false(existsSync(join(out, 'model.safetensors')));
});

test('flags that cannot work stop before the first epoch: --lr beyond float32, --batch beyond the split, empty splits', async (t) => {
  const emptyTest = writeDataset({ train: 20, test: 0 });
  const emptyTrain = writeDataset({ train: 0, test: 10 });
  const cases: [string, string[], string, RegExp][] = [
    ['--lr 1e39', [...small, '--lr', '1e39'], '--lr', /^netc: --lr 1e\+39 overflows float32 \(the largest value is 3\.4028e\+38\)/],
    ['--weight-decay 1e39', [...small, '--weight-decay', '1e39'], '--weight-decay', /^netc: --weight-decay 1e\+39 overflows float32/],
    ['--lr × --lr-mult', [...small, '--lr', '1e38', '--lr-mult', 'dense2=10'], '--lr-mult', /--lr 1e\+38 × the largest --lr-mult \(10\) = 1e\+39 overflows float32/],
    ['--batch 100 of 64', ['--backend', 'cpu', '--limit', '64', '--test-limit', '32', '--batch', '100'], '--batch', /^netc: --batch 100 is larger than the training split \(64 images of .*\); use --batch 64 or less$/],
    ['an empty test split', ['--backend', 'cpu', '--data', emptyTest, '--batch', '8'], emptyTest, /the test split is empty \(0 images\); nothing to evaluate/],
    ['an empty training split', ['--backend', 'cpu', '--data', emptyTrain, '--batch', '8'], emptyTrain, /the training split is empty \(0 images\); nothing to train on/],
  ];
  const results = await runAll(cases.map(([, args]) => () => netcAsync('train', net, ...args, '--epochs', '1', '--out', join(scratch(), 'run'))));
  cases.forEach(([what, , names, message], i) => {
    assertOneLineError(t, results[i], names, message, what);
    t.notRegex(results[i].stdout, /epoch 1\/1/, `${what}: stopped before training`);
  });
  const evalEmpty = await netcAsync('eval', net, '--weights', join(work, 'good'), '--backend', 'cpu', '--data', emptyTest);
  assertOneLineError(t, evalEmpty, emptyTest, /the test split is empty/, 'eval on an empty test split');
});
