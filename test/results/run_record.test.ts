// Reading a run directory: epoch lines and trace lines of metrics.jsonl apart; best epoch; minutes; result.json.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestEpoch, medianImagesPerSec, readEpochs, readResult, readTraces, trainingMinutes } from '../../results/run_record.js';

function runDir(lines: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'netc-results-record-'));
  writeFileSync(join(dir, 'metrics.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return dir;
}

const epoch = (n: number, testAccuracy: number) => ({ epoch: n, trainLoss: 1, trainAccuracy: 0.5, lr: 0.1, seconds: 30, imagesPerSec: 100 * n, testAccuracy });

test('trace lines are skipped by the epoch reader and read by the trace reader', (t) => {
  const dir = runDir([{ trace: { step: 0, epoch: 1, layers: [{ name: 'conv1', gradNorm: 0.1 }] } }, epoch(1, 0.8), epoch(2, 0.85), epoch(3, 0.84)]);
  t.deepEqual(readEpochs(dir).map((e) => e.epoch), [1, 2, 3]);
  t.is(readTraces(dir).length, 1);
  t.deepEqual(bestEpoch(readEpochs(dir)), { epoch: 2, accuracy: 0.85 });
  t.is(trainingMinutes(readEpochs(dir)), 1.5);
  t.is(medianImagesPerSec(readEpochs(dir)), 200);
});

test('no result.json: not finished', (t) => {
  t.is(readResult(runDir([epoch(1, 0.5)])), undefined);
});

test("a failed network's row says why, from netc's own last message", async (t) => {
  const { lastNetcMessage } = await import('../../results/run_record.js');
  const { networkRow } = await import('../../results/network_rows.js');
  const { recipes } = await import('../../results/recipes.js');
  const log = 'backend: wasm\ntraining AlexNet …\nnetc: internal error: memory access out of bounds\n(this is a bug in netc; set NETC_DEBUG=1 for details)\n';
  t.is(lastNetcMessage(log), 'internal error: memory access out of bounds');
  t.is(lastNetcMessage('epoch 1/1 …\nsomething else\n'), 'something else');
  const runs = mkdtempSync(join(tmpdir(), 'netc-results-failed-'));
  const recipe = recipes.find((r) => r.name === 'alexnet')!;
  t.is(networkRow(recipe, runs).failure, undefined, 'no directory: not run, not failed');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(runs, 'alexnet'));
  writeFileSync(join(runs, 'alexnet', 'failed.json'), JSON.stringify({ code: 2, message: 'internal error: memory access out of bounds', at: '2026-12-02T00:30:00Z' }));
  t.is(networkRow(recipe, runs).failure?.message, 'internal error: memory access out of bounds');
});
