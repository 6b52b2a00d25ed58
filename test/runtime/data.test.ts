// Data loading: IDX files read exactly, and every kind of bad file gets one line naming the file.
import test from 'ava';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDataset, fashionMnistClasses } from '../../runtime/data/dataset.js';
import { readIdx } from '../../runtime/data/idx.js';
import { DataError } from '../../runtime/errors.js';
import { planInput } from '../../runtime/data/input_fit.js';
import { epochOrder, makeBatch, toFloat } from '../../runtime/data/batches.js';
import { Rng } from '../../runtime/rng.js';
import { idxBytes, writeDataset } from '../helpers/idx_files.js';

const trainImages = (dir: string) => join(dir, 'train-images-idx3-ubyte.gz');

test('a valid dataset loads as bytes with labels; gzip and plain files both work', (t) => {
  for (const gzip of [true, false]) {
    const dir = writeDataset({ train: 12, test: 4, gzip });
    const d = loadDataset({ dir });
    t.is(d.train.count, 12);
    t.is(d.test.count, 4);
    t.deepEqual(d.train.shape, [1, 28, 28]);
    t.true(d.train.images instanceof Uint8Array, 'kept as bytes: a quarter of float32');
    t.is(d.train.images[1], 37);
    t.deepEqual([...d.train.labels.slice(0, 3)], [0, 1, 2]);
  }
});

test('--limit and --test-limit take the first N examples', (t) => {
  const d = loadDataset({ dir: writeDataset({ train: 12, test: 8 }), limit: 5, testLimit: 3 });
  t.is(d.train.count, 5);
  t.is(d.test.count, 3);
  t.is(d.train.images.length, 5 * 28 * 28);
});

const bad: [string, (dir: string) => void, RegExp][] = [
  ['missing file', (dir) => rmSync(trainImages(dir)), /train-images-idx3-ubyte\.gz: no such file/],
  ['truncated gzip', (dir) => writeFileSync(trainImages(dir), readFileSync(trainImages(dir)).subarray(0, 100)), /train-images-idx3-ubyte\.gz: corrupt or truncated gzip data/],
  ['truncated data', (dir) => writeFileSync(trainImages(dir), gzipSync(idxBytes([20, 28, 28], new Uint8Array(100)))), /truncated: the header promises 20×28×28 = 15680 values but the file holds 100/],
  ['bad magic', (dir) => writeFileSync(trainImages(dir), gzipSync(Buffer.from('hello world, not idx'))), /not an IDX file \(bad magic number\)/],
  ['labels as images', (dir) => writeFileSync(trainImages(dir), gzipSync(idxBytes([5], new Uint8Array(5)))), /has 1 dimensions, expected 3 \(images\)/],
  ['count mismatch', (dir) => writeFileSync(trainImages(dir), gzipSync(idxBytes([19, 28, 28], new Uint8Array(19 * 784)))), /holds 19 images but .*train-labels-idx1-ubyte\.gz holds 20 labels/],
  ['label out of range', (dir) => writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(idxBytes([20], new Uint8Array(20).fill(12)))), /label 12 at index 0 is not a class 0–9/],
  ['trailing bytes', (dir) => writeFileSync(trainImages(dir), gzipSync(idxBytes([20, 28, 28], new Uint8Array(20 * 784 + 3)))), /3 unexpected bytes after/],
];

for (const [name, damage, message] of bad) {
  test(`${name}: a one-line DataError naming the file`, (t) => {
    const dir = writeDataset();
    damage(dir);
    const error = t.throws(() => loadDataset({ dir }), { instanceOf: DataError });
    t.regex(error!.message, message);
    t.false(error!.message.includes('\n'));
  });
}

test('a missing data directory names the flag or the Debian package', (t) => {
  t.regex(t.throws(() => loadDataset({ dir: '/nonexistent/netc-data' }))!.message, /data directory \/nonexistent\/netc-data does not exist \(--data\)/);
});

test('readIdx rejects non-byte element types', (t) => {
  const dir = writeDataset();
  const bytes = idxBytes([2], new Uint8Array(8));
  bytes[2] = 0x0d; // float
  writeFileSync(join(dir, 'f.idx'), bytes);
  t.throws(() => readIdx(join(dir, 'f.idx'), 1), { message: /element type 0xd is not supported/ });
});

test('input planning: sizes that fit, --resize, flat inputs, and the hint when they do not', (t) => {
  t.deepEqual(planInput('LeNet', [1, 28, 28], [1, 28, 28], undefined), { resize: undefined, flatten: false });
  t.deepEqual(planInput('AlexNet', [1, 224, 224], [1, 28, 28], 224), { resize: 224, flatten: false });
  t.deepEqual(planInput('MLP', [784], [1, 28, 28], undefined), { resize: undefined, flatten: true });
  t.throws(() => planInput('AlexNet', [1, 224, 224], [1, 28, 28], undefined), { message: 'network AlexNet takes input [1, 224, 224] but the images are [1, 28, 28]; add --resize 224 (as D2L does for AlexNet and VGG)' });
  t.throws(() => planInput('RGB', [3, 28, 28], [1, 28, 28], undefined), { message: /takes 3 input channels but the images have 1/ });
});

test('batches follow a seeded permutation; augmentation crops and flips deterministically', (t) => {
  const d = loadDataset({ dir: writeDataset({ train: 16, test: 2 }) });
  const order1 = epochOrder(16, new Rng(3), true);
  const order2 = epochOrder(16, new Rng(3), true);
  t.deepEqual(order1, order2);
  t.notDeepEqual([...order1], [...Array(16).keys()]);
  t.deepEqual([...order1].sort((a, b) => a - b), [...Array(16).keys()]);
  const plain = makeBatch(d.train, order1, 0, 4, undefined, new Rng(1));
  t.deepEqual([...plain.labels], [...order1.slice(0, 4)].map((i) => i % 10));
  t.deepEqual(plain.x.subarray(0, 784), toFloat(d.train.images.subarray(order1[0] * 784, order1[0] * 784 + 784)));
  t.is(plain.x[1], d.train.images[order1[0] * 784 + 1], 'byte values as float32 (scaled on the device)');
  const flipped = makeBatch(d.train, order1, 0, 4, { cropPadding: 0, flip: true }, new Rng(1));
  const again = makeBatch(d.train, order1, 0, 4, { cropPadding: 0, flip: true }, new Rng(1));
  t.deepEqual(flipped.x, again.x);
  const image = toFloat(d.train.images.subarray(order1[0] * 784, order1[0] * 784 + 784));
  const first = flipped.x.subarray(0, 784);
  const mirrored = first[0] === image[27] && first[27] === image[0];
  t.true(mirrored || first.every((v, i) => v === image[i]));
  const cropped = makeBatch(d.train, order1, 0, 8, { cropPadding: 4, flip: false }, new Rng(2));
  t.true(cropped.x.some((v) => v === 0));
});

test('class names are Fashion-MNIST\'s for the Debian dataset path', (t) => {
  t.is(fashionMnistClasses.length, 10);
  t.is(fashionMnistClasses[9], 'ankle boot');
});

test('a .gz IDX that inflates far past what its header implies is refused at the header size, not inflated', (t) => {
  const dir = writeDataset();
  // 200 gzip members of 1 MiB of zeros each after a 20×28×28 header: 0.2 MB on disk, 200 MB inflated.
  const member = gzipSync(Buffer.alloc(1 << 20));
  writeFileSync(trainImages(dir), Buffer.concat([gzipSync(idxBytes([20, 28, 28], new Uint8Array(0))), ...Array<Buffer>(200).fill(member)]));
  const before = process.memoryUsage().rss;
  const error = t.throws(() => loadDataset({ dir }), { instanceOf: DataError });
  t.regex(error!.message, /train-images-idx3-ubyte\.gz: the gzip data inflates to more than the 15\.7 kB its IDX header implies \(210\.2 kB compressed\); refused before inflating further/);
  t.true(process.memoryUsage().rss - before < 100 * 2 ** 20, 'the 200 MB were never allocated');
});

test('a plain IDX file, a FIFO and a directory in place of one get the bounded reader\'s reasons', (t) => {
  const dir = writeDataset();
  rmSync(trainImages(dir));
  mkdirSync(trainImages(dir));
  t.throws(() => loadDataset({ dir }), { instanceOf: DataError, message: /train-images-idx3-ubyte\.gz: it is a directory, not a file$/ });
  rmSync(trainImages(dir), { recursive: true });
  execFileSync('mkfifo', [trainImages(dir)]);
  t.throws(() => loadDataset({ dir }), { instanceOf: DataError, message: /train-images-idx3-ubyte\.gz: it is a FIFO \(named pipe\), not a regular file$/ });
});
