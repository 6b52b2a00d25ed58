// Image folders through the CLI: train on a tiny RGB ImageFolder, then eval and predict reuse the run's data.json
// (class names, normalization, size); bad files, --strict, class counts, --val-split and resume checks.
import test from 'ava';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeFashionImageFolder } from '../../scripts/fashion_image_folder.js';
import { netc, lastJson } from '../helpers/cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-cli-images-'));

const work = scratch();
const net = join(work, 'tiny_rgb.net');
const folder = join(work, 'folder');
const runDir = join(work, 'run');
let trained: ReturnType<typeof netc>;

test.before(() => {
  writeFileSync(net, 'network TinyRGB(classes = 3) {\n  input [3, 20, 20]\n  conv(8, kernel: 3, pad: 1); batchnorm; relu\n  maxpool(2)\n  global_avgpool; flatten\n  dense(classes)\n}\n');
  writeFashionImageFolder({ out: folder, classes: [1, 5, 8], trainPerClass: 20, testPerClass: 6, format: 'png', color: 'rgb' });
  // A corrupt file in a class folder: named, skipped, counted.
  writeFileSync(join(folder, 'train', 'bag', 'zz_corrupt.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  trained = netc('train', net, '--data', folder, '--normalize', 'auto', '--epochs', '1', '--batch', '16', '--lr', '0.05', '--backend', 'cpu', '--out', runDir, '--json');
});

test('train on an RGB image folder: says what it found, decode time, the skipped file; writes data.json', (t) => {
  t.is(trained.code, 0, trained.stderr);
  t.regex(trained.stderr, /^data: image folder .*folder \(train\/ and test\/\), 3 classes: bag, sandal, trouser$/m);
  t.regex(trained.stderr, /^decoded 78 images \(3 classes\) in \d+\.\d s; 1 unreadable file skipped \(--strict makes this an error\): .*bag\/zz_corrupt\.png \(unreadable PNG \(truncated\)\)$/m);
  t.regex(trained.stderr, /60 train \/ 18 test images/);
  t.regex(trained.stderr, /^test accuracy 0\.\d{4} after 1 epoch/m);
  const summary = lastJson(trained.stdout);
  t.is(summary.evalSplit, 'test');
  const info = JSON.parse(readFileSync(join(runDir, 'data.json'), 'utf8'));
  t.like(info, { version: 1, kind: 'image-folder', classNames: ['bag', 'sandal', 'trouser'], image: [3, 20, 20], normalize: 'auto', evalSplit: 'test', valSplit: null, counts: { train: 60, eval: 18 } });
  t.is(info.normalization.mean.length, 3);
  t.is(new Set(info.normalization.mean).size, 3, 'the tints make the channel means differ');
});

test('eval with --weights RUN reuses the data, class names and normalization: the same accuracy as training', (t) => {
  const r = netc('eval', net, '--weights', runDir, '--backend', 'cpu', '--json');
  t.is(r.code, 0, r.stderr);
  const e = lastJson(r.stdout);
  t.deepEqual(e.classNames, ['bag', 'sandal', 'trouser']);
  t.is(e.count, 18);
  t.is(e.confusion.length, 3);
  t.is(e.testAccuracy, lastJson(trained.stdout).testAccuracy);
  t.regex(r.stderr, /^ +0 +1 +2 /m);
  t.regex(r.stderr, /^0 bag /m);
  const none = netc('eval', net, '--weights', runDir, '--backend', 'cpu', '--normalize', 'none', '--json');
  t.is(none.code, 0, none.stderr);
});

test('predict on a JPEG and a PNG names the run\'s classes', (t) => {
  const dir = scratch();
  writeFashionImageFolder({ out: dir, classes: [5], trainPerClass: 1, testPerClass: 1, format: 'jpeg', color: 'rgb' });
  const jpg = join(dir, 'test', 'sandal', readdirSync(join(dir, 'test', 'sandal'))[0]);
  const png = join(folder, 'test', 'trouser', readdirSync(join(folder, 'test', 'trouser'))[0]);
  const r = netc('predict', net, '--weights', runDir, jpg, png, '--backend', 'cpu', '--json');
  t.is(r.code, 0, r.stderr);
  const p = lastJson(r.stdout);
  t.is(p.results.length, 2);
  for (const result of p.results) {
    t.deepEqual(result.predictions.map((x: { class: string }) => x.class).sort(), ['bag', 'sandal', 'trouser']);
  }
  t.regex(r.stderr, /\.jpg: (bag|sandal|trouser) \d+\.\d%, /);
});

test('--strict makes an unreadable file an error; a class-count mismatch says --set classes=N', (t) => {
  const strict = netc('train', net, '--data', folder, '--strict', '--epochs', '1', '--backend', 'cpu', '--out', scratch());
  t.is(strict.code, 1);
  t.regex(strict.stderr, /^netc: .*zz_corrupt\.png: unreadable PNG \(truncated\) \(--strict/m);
  t.notRegex(strict.stderr, /\n\s+at /);
  const classes = netc('train', net, '--data', folder, '--set', 'classes=5', '--epochs', '1', '--backend', 'cpu', '--out', scratch());
  t.is(classes.code, 1);
  t.regex(classes.stderr, /^netc: network TinyRGB has 5 outputs but .*folder has 3 classes \(bag, sandal, trouser\); add --set classes=3$/m);
});

test('resume refuses a changed data setup', (t) => {
  const other = join(work, 'other');
  cpSync(folder, other, { recursive: true });
  rmSync(join(other, 'train', 'bag'), { recursive: true });
  rmSync(join(other, 'test', 'bag'), { recursive: true });
  const r = netc('train', net, '--data', other, '--set', 'classes=2', '--normalize', 'auto', '--epochs', '2', '--batch', '16', '--backend', 'cpu', '--resume', runDir);
  t.is(r.code, 1);
  t.regex(r.stderr, /^netc: .*(different network|resume with the same data)/m);
  const changed = netc('train', net, '--data', folder, '--normalize', 'none', '--epochs', '2', '--batch', '16', '--backend', 'cpu', '--resume', runDir);
  t.is(changed.code, 1);
  t.regex(changed.stderr, /^netc: .*resume with the same data/m);
});

test('--val-split on IDX data: the output says the accuracy is on the held-out images', (t) => {
  const dir = scratch();
  const r = netc('train', 'networks/lenet_bn.net', '--val-split', '0.1', '--limit', '500', '--epochs', '1', '--batch', '50', '--backend', 'cpu', '--out', dir, '--json');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /450 train \/ 50 validation images/);
  t.regex(r.stderr, /epoch 1\/1 .* val acc /);
  t.regex(r.stderr, /^validation accuracy \(--val-split 0\.1 of the training images, seed 0\) 0\.\d{4}/m);
  t.is(lastJson(r.stdout).evalSplit, 'validation');
  const e = netc('eval', 'networks/lenet_bn.net', '--weights', dir, '--backend', 'cpu', '--limit', '500', '--json');
  t.is(e.code, 0, e.stderr);
  t.like(lastJson(e.stdout), { evalSplit: 'validation', count: 50, testAccuracy: lastJson(r.stdout).testAccuracy });
});
