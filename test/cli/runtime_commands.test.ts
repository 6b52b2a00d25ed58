// train, eval, predict and import-weights from the command line: --json outputs and exit codes.
import test from 'ava';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeDataset } from '../helpers/idx_files.js';
import { encodeSafetensors } from '../../runtime/io/safetensors.js';
import { tensorsFromJson } from '../../runtime/weight_import.js';
import { netc, lastJson } from '../helpers/cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-cli-run-'));

const runDir = scratch();
let trained: ReturnType<typeof netc>;

test.before(() => {
  trained = netc('train', 'networks/lenet_bn.net', '--backend', 'wasm', '--limit', '1024', '--test-limit', '256', '--epochs', '1', '--batch', '32', '--lr', '0.3', '--out', runDir, '--json');
});

test('train --json: the last stdout line has the documented fields; the run directory is complete', (t) => {
  t.is(trained.code, 0, trained.stderr);
  const summary = lastJson(trained.stdout);
  t.deepEqual(Object.keys(summary), ['network', 'backend', 'adapter', 'epochs', 'trainLoss', 'trainAccuracy', 'testAccuracy', 'imagesPerSec', 'seconds', 'runDir', 'evalSplit', 'bestEpoch', 'bestAccuracy']);
  t.like(summary, { network: 'LeNetBN', backend: 'wasm', epochs: 1, runDir });
  t.true(summary.testAccuracy > 0.2);
  t.regex(trained.stderr, /^backend: wasm — WebAssembly/m);
  t.regex(trained.stderr, /epoch 1\/1 +train loss/);
  for (const file of ['metrics.jsonl', 'curves.svg', 'model.safetensors']) t.true(existsSync(join(runDir, file)), file);
});

test('eval --json: accuracy and a 10×10 confusion matrix from the run directory', (t) => {
  const r = netc('eval', 'networks/lenet_bn.net', '--weights', runDir, '--backend', 'wasm', '--test-limit', '256', '--json');
  t.is(r.code, 0, r.stderr);
  const e = lastJson(r.stdout);
  t.is(e.count, 256);
  t.is(e.confusion.length, 10);
  t.is(e.confusion.flat().reduce((a: number, b: number) => a + b, 0), 256);
  t.is(e.classNames[0], 't-shirt');
  t.regex(r.stderr, /test accuracy 0\.\d{4} on 256 images/);
  t.is(e.testAccuracy, lastJson(trained.stdout).testAccuracy);
});

test('predict: top-3 classes with probabilities for PGM images', (t) => {
  const dir = scratch();
  const image = join(dir, 'shoe.pgm');
  writeFileSync(image, Buffer.concat([Buffer.from('P5 28 28 255\n'), Buffer.alloc(28 * 28, 200)]));
  const r = netc('predict', 'networks/lenet_bn.net', '--weights', runDir, image, '--backend', 'wasm', '--json');
  t.is(r.code, 0, r.stderr);
  const p = lastJson(r.stdout);
  t.is(p.results[0].image, image);
  t.is(p.results[0].predictions.length, 3);
  const probabilities = p.results[0].predictions.map((x: { probability: number }) => x.probability);
  t.true(probabilities[0] >= probabilities[1] && probabilities[1] >= probabilities[2]);
  t.regex(r.stderr, /shoe\.pgm: [a-z -]+ \d+\.\d%, /);
});

test('weights of one network do not load into another', (t) => {
  const r = netc('eval', 'networks/lenet.net', '--weights', runDir, '--backend', 'wasm', '--test-limit', '16');
  t.is(r.code, 1);
  t.regex(r.stderr, /^netc: .*these weights belong to LeNetBN/m);
});

test('import-weights: a PyTorch state_dict with a name map becomes a checkpoint that eval accepts', (t) => {
  const golden = JSON.parse(readFileSync('../shared/golden/golden_lenet.json', 'utf8'));
  const dir = scratch();
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ weights: golden.weights }));
  writeFileSync(join(dir, 'map.json'), JSON.stringify({ '0': 'conv1', '3': 'conv2', '7': 'dense1', '9': 'dense2', '11': 'dense3' }));
  const r = netc('import-weights', 'networks/lenet.net', '--from', join(dir, 'state.json'), '--map', join(dir, 'map.json'), '--out', join(dir, 'ckpt'));
  t.is(r.code, 0, r.stderr);
  t.true(existsSync(join(dir, 'ckpt', 'model.safetensors')));
  const e = netc('eval', 'networks/lenet.net', '--weights', join(dir, 'ckpt'), '--backend', 'wasm', '--test-limit', '64', '--json');
  t.is(e.code, 0, e.stderr);
  const bad = netc('import-weights', 'networks/lenet.net', '--from', join(dir, 'state.json'), '--map', 'order', '--out', join(dir, 'x'));
  t.is(bad.code, 0, 'LeNet state_dict order matches its parameters');
  writeFileSync(join(dir, 'short.json'), JSON.stringify({ '0': 'conv1' }));
  const missing = netc('import-weights', 'networks/lenet.net', '--from', join(dir, 'state.json'), '--map', join(dir, 'short.json'), '--out', join(dir, 'y'));
  t.is(missing.code, 1);
  t.regex(missing.stderr, /^netc: \S*short\.json: the name map has no entry for '3' .*; the weights are \S*state\.json$/m);
});

test('import-weights reads a safetensors state_dict (PyTorch bookkeeping dropped); eval takes it directly too', (t) => {
  const golden = JSON.parse(readFileSync('../shared/golden/golden_lenet.json', 'utf8'));
  const dir = scratch();
  const tensors = new Map([...tensorsFromJson(golden.weights, 'golden')].map(([k, v]) => [`module.${k}`, v]));
  writeFileSync(join(dir, 'state.safetensors'), encodeSafetensors(tensors));
  writeFileSync(join(dir, 'map.json'), JSON.stringify({ '0': 'conv1', '3': 'conv2', '7': 'dense1', '9': 'dense2', '11': 'dense3' }));
  const r = netc('import-weights', 'networks/lenet.net', '--from', join(dir, 'state.safetensors'), '--map', join(dir, 'map.json'), '--out', join(dir, 'ckpt'));
  t.is(r.code, 0, r.stderr);
  const fromRun = netc('eval', 'networks/lenet.net', '--weights', join(dir, 'ckpt'), '--backend', 'wasm', '--test-limit', '64', '--json');
  const direct = netc('eval', 'networks/lenet.net', '--weights', join(dir, 'state.safetensors'), '--map', join(dir, 'map.json'), '--backend', 'wasm', '--test-limit', '64', '--json');
  t.is(fromRun.code, 0, fromRun.stderr);
  t.deepEqual(lastJson(direct.stdout).confusion, lastJson(fromRun.stdout).confusion);
});

test('a truncated model.safetensors is a one-line error naming the file under --weights and --resume (exit 1)', (t) => {
  const dir = scratch();
  const bytes = readFileSync(join(runDir, 'model.safetensors'));
  writeFileSync(join(dir, 'model.safetensors'), bytes.subarray(0, bytes.length - 100));
  const e = netc('eval', 'networks/lenet_bn.net', '--weights', dir, '--backend', 'cpu', '--test-limit', '16');
  t.is(e.code, 1);
  t.regex(e.stderr, /^netc: \S+model\.safetensors: not a valid safetensors file \(truncated: tensor '[^']+' ends at byte \d+ of a \d+-byte data buffer\)\n$/);
  const r = netc('train', 'networks/lenet_bn.net', '--backend', 'cpu', '--limit', '64', '--test-limit', '16', '--epochs', '2', '--batch', '32', '--resume', dir, '--out', dir);
  t.is(r.code, 1);
  t.regex(r.stderr, /^netc: .*model\.safetensors: not a valid safetensors file \(truncated/m);
  t.notRegex(r.stderr, /\n\s+at /);
});

test('bad data and size mismatches exit 1 with one line; bad flags and backends exit 2', (t) => {
  const dir = writeDataset({ train: 8, test: 4 });
  writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), 'garbage');
  const data = netc('train', 'networks/lenet.net', '--data', dir, '--backend', 'cpu');
  t.is(data.code, 1);
  t.regex(data.stderr, /^netc: .*train-images-idx3-ubyte\.gz: not an IDX file/m);
  t.notRegex(data.stderr, /\n\s+at /);
  const size = netc('train', 'networks/alexnet.net', '--backend', 'cpu', '--limit', '8', '--test-limit', '8');
  t.is(size.code, 1);
  t.regex(size.stderr, /add --resize 224/);
  t.is(netc('train', 'networks/lenet.net', '--backend', 'tpu').code, 2);
  t.is(netc('train', 'networks/lenet.net', '--epochs', 'many').code, 2);
  t.is(netc('check', 'networks/lenet.net', '--epochs', '3').code, 2);
});

test('Ctrl-C during training keeps the last checkpoint, says how to resume, and exits 130', async (t) => {
  const { spawn } = await import('node:child_process');
  const dir = scratch();
  const child = spawn(process.execPath, ['dist/cli/netc.js', 'train', 'networks/lenet.net', '--backend', 'wasm', '--limit', '512', '--test-limit', '64', '--epochs', '500', '--batch', '64', '--out', dir]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (/epoch +2\/500/.test(stdout)) child.kill('SIGINT');
    });
    child.on('exit', (c) => resolve(c));
  });
  t.is(code, 130);
  t.regex(stderr, new RegExp(`netc: interrupted; the checkpoint after epoch \\d+ is in ${dir}; continue with --resume ${dir}`));
  t.true(existsSync(join(dir, 'model.safetensors')));
  t.false(existsSync(join(dir, '.lock')), 'the run directory lock is released');
});
