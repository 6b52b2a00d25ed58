// --data DIR with image folders (built from Fashion-MNIST in a temp dir) and IDX files: layouts, classes, decoding,
// bad files, --val-split, per-channel statistics.
import test from 'ava';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadData } from '../../../runtime/data/load_data.js';
import { loadDataset, defaultDataDir } from '../../../runtime/data/dataset.js';
import { channelStats } from '../../../runtime/data/normalization.js';
import { DataError } from '../../../runtime/errors.js';
import { writeFashionImageFolder } from '../../../scripts/fashion_image_folder.js';
import { pngBytes, withBadCrc } from '../../helpers/png_bytes.js';
import { writeDataset } from '../../helpers/idx_files.js';
import { compileFile, mustCompile } from '../../helpers/files.js';

const tiny = (channels: number, size: number, classes = 3) =>
  mustCompile(`network Tiny(classes = ${classes}) {\n  input [${channels}, ${size}, ${size}]\n  conv(4, kernel: 3, pad: 1); relu\n  global_avgpool; flatten\n  dense(classes)\n}\n`, { file: 'tiny.net' });
const scratch = () => mkdtempSync(join(tmpdir(), 'netc-images-'));
const classes = [0, 1, 7]; // t-shirt, trouser, sneaker: folders sort as sneaker, t-shirt, trouser
let png = '';
let jpeg = '';

test.before(() => {
  png = scratch();
  writeFashionImageFolder({ out: png, classes, trainPerClass: 6, testPerClass: 3, format: 'png', color: 'gray' });
  jpeg = scratch();
  writeFashionImageFolder({ out: jpeg, classes, trainPerClass: 2, testPerClass: 1, format: 'jpeg', color: 'rgb' });
});

const copy = (dir: string) => {
  const out = scratch();
  cpSync(dir, out, { recursive: true });
  return out;
};

test('a gray PNG folder decodes losslessly: the bytes are Fashion-MNIST\'s, class names are the sorted folder names', (t) => {
  const { data, found, decode } = loadData({ dir: png }, tiny(1, 28));
  t.is(data.kind, 'image-folder');
  t.deepEqual(data.classNames, ['sneaker', 't-shirt', 'trouser']);
  t.is(data.train.count, 18);
  t.is(data.test.count, 9);
  t.is(data.evalSplit, 'test');
  t.deepEqual(data.train.shape, [1, 28, 28]);
  t.regex(found, /image folder .* \(train\/ and test\/\), 3 classes: sneaker, t-shirt, trouser/);
  t.regex(decode!.line, /^decoded 27 images \(3 classes\) in \d+\.\d s$/);
  const source = loadDataset({ dir: defaultDataDir });
  const files = readdirSync(join(png, 'train', 'sneaker')).sort();
  const index = Number(basename(files[0], '.png'));
  t.is(source.train.labels[index], 7);
  t.deepEqual(data.train.images.subarray(0, 784), source.train.images.subarray(index * 784, (index + 1) * 784));
  t.deepEqual([...new Set(data.train.labels)], [0, 1, 2]);
});

test('gray images feed an RGB network (replicated) at its size; RGB JPEGs feed a gray one by ITU-R 601', (t) => {
  const rgb = loadData({ dir: png }, tiny(3, 16)).data;
  t.deepEqual(rgb.train.shape, [3, 16, 16]);
  const px = rgb.train.images;
  t.true(px.some((v) => v > 0));
  for (let i = 0; i < px.length; i += 3) if (px[i] !== px[i + 1] || px[i] !== px[i + 2]) return t.fail(`pixel ${i / 3} is not gray`);
  const fromJpeg = loadData({ dir: jpeg }, tiny(3, 28)).data;
  t.is(fromJpeg.train.count, 6);
  const j = fromJpeg.train.images;
  t.true(Array.from({ length: j.length / 3 }, (_, i) => Math.abs(j[3 * i] - j[3 * i + 2])).some((d) => d > 20), 'tinted: the channels differ');
  const gray = loadData({ dir: jpeg }, tiny(1, 28)).data;
  const k = 300; // a pixel: 601 luma of the RGB version, within rounding
  t.true(Math.abs(gray.train.images[k] - (0.299 * j[3 * k] + 0.587 * j[3 * k + 1] + 0.114 * j[3 * k + 2])) <= 1);
  t.is(loadData({ dir: png, resize: 20 }, tiny(1, 20)).data.train.shape[1], 20, '--resize sets the decoded size');
});

test('corrupt files are named and skipped with a count; --strict makes them an error', (t) => {
  const dir = copy(png);
  writeFileSync(join(dir, 'train', 'trouser', 'broken.png'), 'not a png at all');
  writeFileSync(join(dir, 'train', 'sneaker', 'crc.png'), withBadCrc(pngBytes({ width: 28, height: 28, colorType: 0, depth: 8, samples: new Array(784).fill(9) })));
  const { data, decode } = loadData({ dir }, tiny(1, 28));
  t.is(data.train.count, 18);
  t.is(decode!.skipped.length, 2);
  t.regex(decode!.line, /^decoded 27 images \(3 classes\) in \d+\.\d s; 2 unreadable files skipped \(--strict makes this an error\): .*sneaker\/crc\.png \(unreadable PNG \(bad CRC in the IDAT chunk\)\), .*trouser\/broken\.png \(not a PNG, JPEG or PGM image\)$/);
  const error = t.throws(() => loadData({ dir, strict: true }, tiny(1, 28)), { instanceOf: DataError });
  t.regex(error!.message, /sneaker\/crc\.png: unreadable PNG \(bad CRC in the IDAT chunk\) \(--strict/);
});

const broken: [string, (dir: string) => void, RegExp][] = [
  ['an empty class folder', (dir) => mkdirSync(join(dir, 'train', 'zebra')), /train\/zebra: empty class folder \(no \.png, \.jpg or \.jpeg files\)/],
  ['test classes the train folder lacks', (dir) => cpSync(join(dir, 'test', 'trouser'), join(dir, 'test', 'zebra'), { recursive: true }), /test: class folder 'zebra' not in .*train \(train has sneaker, t-shirt, trouser\)/],
];

for (const [name, damage, message] of broken) {
  test(`${name}: a one-line DataError`, (t) => {
    const dir = copy(png);
    damage(dir);
    const error = t.throws(() => loadData({ dir }, tiny(1, 28)), { instanceOf: DataError });
    t.regex(error!.message, message);
    t.false(error!.message.includes('\n'));
  });
}

test('folders without images, without test/, or with neither IDX files nor classes are one-line errors', (t) => {
  const noImages = scratch();
  mkdirSync(join(noImages, 'cats'));
  writeFileSync(join(noImages, 'cats', 'notes.txt'), 'no images here');
  t.throws(() => loadData({ dir: noImages, valSplit: 0.2 }, tiny(1, 28)), { instanceOf: DataError, message: /cats: empty class folder/ });
  const nothing = scratch();
  writeFileSync(join(nothing, 'readme.txt'), 'x');
  t.throws(() => loadData({ dir: nothing }, tiny(1, 28)), { instanceOf: DataError, message: /neither IDX files .* nor class folders/ });
  const trainOnly = scratch();
  cpSync(join(png, 'train'), join(trainOnly, 'train'), { recursive: true });
  t.throws(() => loadData({ dir: trainOnly }, tiny(1, 28)), { instanceOf: DataError, message: /has train\/ but no test\/ folder/ });
});

test('the class count must match the network\'s outputs, with the --set that fixes it', (t) => {
  const lenet = compileFile('networks/lenet.net').ir!;
  const error = t.throws(() => loadData({ dir: png }, lenet), { instanceOf: DataError });
  t.is(error!.message, `network LeNet has 10 outputs but ${png} has 3 classes (sneaker, t-shirt, trouser); add --set classes=3`);
  t.notThrows(() => loadData({ dir: png }, compileFile('networks/lenet.net', { args: { classes: 3 } }).ir!));
});

test('a network input of 2 channels is an error naming its input line', (t) => {
  const error = t.throws(() => loadData({ dir: png }, tiny(2, 28)), { instanceOf: DataError });
  t.regex(error!.message, /^tiny\.net:2:3 \(input \[2, 28, 28\]\): the network takes 2 input channels, but images map only to 1 \(gray\) or 3 \(RGB\)/);
});

test('class folders directly in DIR need --val-split: a seeded, per-class hold-out', (t) => {
  const flat = scratch();
  writeFashionImageFolder({ out: flat, classes, trainPerClass: 10, format: 'png', flat: true });
  t.throws(() => loadData({ dir: flat }, tiny(1, 28)), { instanceOf: DataError, message: /pass --val-split 0\.2/ });
  const a = loadData({ dir: flat, valSplit: 0.2, seed: 1 }, tiny(1, 28)).data;
  t.is(a.evalSplit, 'validation');
  t.deepEqual(a.valSplit, { fraction: 0.2, seed: 1 });
  t.is(a.train.count, 24);
  t.is(a.test.count, 6);
  t.deepEqual([...a.test.labels], [0, 0, 1, 1, 2, 2], 'two of each class');
  const again = loadData({ dir: flat, valSplit: 0.2, seed: 1 }, tiny(1, 28)).data;
  t.deepEqual(again.test.images, a.test.images, 'the same seed holds out the same images');
  const other = loadData({ dir: flat, valSplit: 0.2, seed: 2 }, tiny(1, 28)).data;
  t.notDeepEqual(other.test.images, a.test.images, 'another seed, other images');
});

test('--val-split on IDX data holds out part of train; the test split is not used', (t) => {
  const { data, found } = loadData({ valSplit: 0.25, seed: 0, limit: 200 }, compileFile('networks/lenet.net').ir!);
  t.is(data.kind, 'idx');
  t.regex(found, /^IDX files /);
  t.is(data.train.count, 150);
  t.is(data.test.count, 50);
  t.is(data.evalSplit, 'validation');
  const image = (s: typeof data.train, i: number) => s.images.subarray(i * 784, i * 784 + 784).join();
  const train = new Set(Array.from({ length: 150 }, (_, i) => image(data.train, i)));
  const source = loadDataset({ limit: 200 });
  const all = new Set(Array.from({ length: 200 }, (_, i) => image(source.train, i)));
  for (let i = 0; i < 50; i++) {
    t.false(train.has(image(data.test, i)), 'held-out images are not trained on');
    t.true(all.has(image(data.test, i)), 'held-out images come from the training split');
  }
  t.is(loadData({ dir: writeDataset({ train: 40, test: 10 }) }, compileFile('networks/lenet.net').ir!).data.evalSplit, 'test');
});

test('per-channel statistics: mean and std of each channel in [0, 1] units', (t) => {
  const images = Uint8Array.from([0, 255, 51, 255, 255, 51]); // two RGB pixels
  const s = channelStats({ images, labels: new Int32Array(1), count: 1, shape: [3, 1, 2] });
  t.deepEqual(s.mean, [0.5, 1, 0.2]);
  t.deepEqual(s.std, [0.5, 1, 1], 'a constant channel keeps std 1');
});
