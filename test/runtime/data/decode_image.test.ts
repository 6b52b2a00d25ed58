// Image decoding: PNG at every bit depth and colour type, interlaced or not, JPEG, PGM; damaged files are one-line errors.
import test from 'ava';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeImage } from '../../../runtime/data/decode_image.js';
import { DataError } from '../../../runtime/errors.js';
import { pngBytes, withBadCrc } from '../../helpers/png_bytes.js';

const gray8 = [0, 17, 128, 255, 3, 200];

test('8-bit gray PNG: exact samples, one channel', (t) => {
  const image = decodeImage('g.png', pngBytes({ width: 3, height: 2, colorType: 0, depth: 8, samples: gray8 }));
  t.like(image, { width: 3, height: 2, channels: 1 });
  t.deepEqual([...image.data], gray8);
});

for (const [depth, samples, expected] of [
  [1, [0, 1, 1, 0, 1, 0], [0, 255, 255, 0, 255, 0]],
  [2, [0, 1, 2, 3, 3, 0], [0, 85, 170, 255, 255, 0]],
  [4, [0, 5, 10, 15, 1, 14], [0, 85, 170, 255, 17, 238]],
  [16, [0, 65535, 65535, 0, 0, 65535], [0, 255, 255, 0, 0, 255]],
] as const) {
  test(`${depth}-bit gray PNG scales to 0–255 (the old decoder refused it)`, (t) => {
    const image = decodeImage(`g${depth}.png`, pngBytes({ width: 3, height: 2, colorType: 0, depth, samples: [...samples] }));
    t.is(image.channels, 1);
    t.deepEqual([...image.data], [...expected]);
  });
}

test('interlaced (Adam7) PNGs decode to the same pixels as progressive ones', (t) => {
  const width = 11;
  const height = 9;
  const samples = Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
  const plain = decodeImage('p.png', pngBytes({ width, height, colorType: 2, depth: 8, samples }));
  const interlaced = decodeImage('i.png', pngBytes({ width, height, colorType: 2, depth: 8, samples, interlace: true }));
  t.is(interlaced.channels, 3);
  t.deepEqual([...interlaced.data], samples);
  t.deepEqual(interlaced.data, plain.data);
  const low = decodeImage('i2.png', pngBytes({ width: 5, height: 5, colorType: 0, depth: 2, samples: Array.from({ length: 25 }, (_, i) => i % 4), interlace: true }));
  t.deepEqual([...low.data], Array.from({ length: 25 }, (_, i) => (i % 4) * 85));
});

test('palette PNGs are RGB; gray + alpha stays gray; RGBA drops alpha', (t) => {
  const palette = decodeImage('p.png', pngBytes({ width: 2, height: 1, colorType: 3, depth: 4, samples: [1, 0], palette: [[10, 20, 30], [200, 100, 50]] }));
  t.is(palette.channels, 3);
  t.deepEqual([...palette.data], [200, 100, 50, 10, 20, 30]);
  const ga = decodeImage('ga.png', pngBytes({ width: 2, height: 1, colorType: 4, depth: 8, samples: [40, 255, 90, 0] }));
  t.is(ga.channels, 1);
  t.deepEqual([...ga.data], [40, 90]);
  const rgba = decodeImage('rgba.png', pngBytes({ width: 1, height: 1, colorType: 6, depth: 8, samples: [1, 2, 3, 4] }));
  t.is(rgba.channels, 3);
  t.deepEqual([...rgba.data], [1, 2, 3]);
});

test('JPEG: RGB stays RGB, a gray JPEG is one channel (within JPEG loss)', (t) => {
  const width = 8;
  const height = 8;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([200, 40, 90, 255], i * 4);
  const rgb = decodeImage('c.jpg', jpeg.encode({ width, height, data: rgba }, 95).data);
  t.is(rgb.channels, 3);
  t.true(Math.abs(rgb.data[0] - 200) <= 4 && Math.abs(rgb.data[1] - 40) <= 4 && Math.abs(rgb.data[2] - 90) <= 4, `${rgb.data.subarray(0, 3)}`);
  for (let i = 0; i < width * height; i++) rgba.set([120, 120, 120, 255], i * 4);
  const gray = decodeImage('g.jpg', jpeg.encode({ width, height, data: rgba }, 95).data);
  t.is(gray.channels, 1);
  t.true(Math.abs(gray.data[0] - 120) <= 2);
});

test('pngjs-written PNGs (gray and RGB) round-trip', (t) => {
  const png = new PNG({ width: 2, height: 1 });
  png.data = Buffer.from([10, 10, 10, 255, 250, 250, 250, 255]);
  t.deepEqual([...decodeImage('w.png', PNG.sync.write(png, { colorType: 0, inputColorType: 6 })).data], [10, 250]);
});

test('PGM (P5 with a comment, P2, 16-bit) still decodes', (t) => {
  t.deepEqual([...decodeImage('b.pgm', Buffer.concat([Buffer.from('P5\n# comment\n2 2\n255\n'), Buffer.from([0, 51, 102, 255])])).data], [0, 51, 102, 255]);
  t.deepEqual([...decodeImage('a.pgm', Buffer.from('P2\n2 1\n4\n1 4\n')).data], [64, 255]);
  t.deepEqual([...decodeImage('w.pgm', Buffer.concat([Buffer.from('P5 1 1 65535\n'), Buffer.from([0xff, 0xff])])).data], [255]);
});

const good = pngBytes({ width: 3, height: 2, colorType: 0, depth: 8, samples: gray8 });
const goodJpeg = jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 128) }, 90).data;
for (const [name, bytes, message] of [
  ['a bad CRC (the old decoder skipped CRC checks)', withBadCrc(good), /^x\.png: unreadable PNG \(bad CRC in the IDAT chunk\)$/],
  ['a truncated PNG', good.subarray(0, good.length - 20), /^x\.png: unreadable PNG \(/],
  ['a truncated JPEG', goodJpeg.subarray(0, goodJpeg.length / 2), /^x\.png: unreadable JPEG \(/],
  ['bytes that are no image', Buffer.from('hello, not an image'), /^x\.png: not a PNG, JPEG or PGM image$/],
  ['an empty file', Buffer.alloc(0), /^x\.png: not a PNG, JPEG or PGM image$/],
] as const) {
  test(`${name}: a one-line DataError naming the file`, (t) => {
    const error = t.throws(() => decodeImage('x.png', bytes), { instanceOf: DataError });
    t.regex(error!.message, message);
    t.false(error!.message.includes('\n'));
  });
}
