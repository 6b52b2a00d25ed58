// Image decoding: PNG at every bit depth and colour type, interlaced or not, JPEG, PGM; damaged files are one-line errors.
import test from 'ava';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { decodeImage } from '../../../runtime/data/decode_image.js';
import { DataError } from '../../../runtime/errors.js';
import { deflateSync } from 'node:zlib';
import { crc32, pngBytes, pngChunk, withBadCrc } from '../../helpers/png_bytes.js';

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

// ---- Damaged files, case by case: what pngjs, jpeg-js or the PGM reader let through or reported oddly before. ----

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number, depth: number, colorType: number, interlace = 0): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = depth;
  b[9] = colorType;
  b[12] = interlace;
  return b;
}
/** A PNG of the given chunks (IEND added). */
const rawPng = (...chunks: Buffer[]) => Buffer.concat([signature, ...chunks, pngChunk('IEND', new Uint8Array(0))]);
/** A 2×2 8-bit gray PNG whose scanlines are `rows` (filter byte + 2 samples each), deflated. */
const gray2x2 = (rows: number[], header = ihdr(2, 2, 8, 0)) => rawPng(pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.from(rows))));

const pngCases: [string, Buffer, RegExp][] = [
  ['a palette index past the palette', pngBytes({ width: 2, height: 1, colorType: 3, depth: 8, samples: [1, 7], palette: [[1, 2, 3], [4, 5, 6]] }), /index 7 not in palette/],
  ['a short IHDR chunk (5 bytes)', rawPng(pngChunk('IHDR', ihdr(2, 2, 8, 0).subarray(0, 5)), pngChunk('IDAT', deflateSync(Buffer.alloc(6)))), /the IHDR chunk is 5 bytes long, not 13/],
  ['a long IHDR chunk (16 bytes)', rawPng(pngChunk('IHDR', Buffer.concat([ihdr(2, 2, 8, 0), Buffer.alloc(3)])), pngChunk('IDAT', deflateSync(Buffer.alloc(6)))), /the IHDR chunk is 16 bytes long, not 13/],
  ['an unknown filter type', gray2x2([7, 1, 2, 0, 3, 4]), /unknown filter type 7 on a scanline/],
  ['a bit depth the colour type does not allow', gray2x2([0, 0, 0, 0, 0, 0], ihdr(2, 2, 3, 0)), /bit depth 3 is not allowed for colour type 0/],
  ['a colour type that does not exist', gray2x2([0, 0, 0, 0, 0, 0], ihdr(2, 2, 8, 5)), /colour type 5 does not exist/],
  ['a zero width', gray2x2([0, 0, 0, 0, 0, 0], ihdr(0, 2, 8, 0)), /an image size of 0×2/],
  ['a palette image with no palette', rawPng(pngChunk('IHDR', ihdr(2, 1, 8, 3)), pngChunk('IDAT', deflateSync(Buffer.from([0, 0, 1])))), /a palette image without a PLTE chunk/],
  ['too little image data (decoded as zeros before)', rawPng(pngChunk('IHDR', ihdr(4, 4, 8, 0)), pngChunk('IDAT', deflateSync(Buffer.from([0, 0, 1])))), /truncated image data \(3 of the 20 bytes its IHDR implies\)/],
  ['no IDAT chunk at all (decoded as zeros before)', rawPng(pngChunk('IHDR', ihdr(2, 1, 8, 0))), /no image data \(IDAT chunk\)/],
  ['garbage in place of the zlib stream (decoded as zeros before)', rawPng(pngChunk('IHDR', ihdr(2, 1, 8, 0)), pngChunk('IDAT', Buffer.from('garbage!!'))), /corrupt image data \(incorrect header check\)/],
  ['an IHDR implying 16 GiB', rawPng(pngChunk('IHDR', ihdr(65535, 65535, 8, 6)), pngChunk('IDAT', deflateSync(Buffer.alloc(100)))), /65535×65535 is too large \(the limit is 67,108,864 pixels\); refused before inflating/],
  ['a bad CRC in IHDR', (() => { const b = gray2x2([0, 1, 2, 0, 3, 4]); b[8 + 8 + 13] ^= 0xff; return b; })(), /bad CRC in the IHDR chunk/],
  ['a chunk cut off by the end of the file', gray2x2([0, 1, 2, 0, 3, 4]).subarray(0, 50), /truncated \(the IDAT chunk needs \d+ bytes, \d+ remain\)/],
  ['no IEND', gray2x2([0, 1, 2, 0, 3, 4]).subarray(0, -12), /truncated/],
  ['an unknown critical chunk', rawPng(pngChunk('IHDR', ihdr(2, 1, 8, 0)), pngChunk('ABCD', Buffer.alloc(2)), pngChunk('IDAT', deflateSync(Buffer.from([0, 1, 2])))), /an unknown critical chunk ABCD/],
];
// Every truncation of a good file is a clean error (a family: each prefix length).
const whole = gray2x2([0, 1, 2, 0, 3, 4]);
for (let cut = 8; cut < whole.length; cut += 3) pngCases.push([`the file cut at byte ${cut} of ${whole.length}`, whole.subarray(0, cut), /truncated|bad CRC/]);

for (const [name, bytes, reason] of pngCases) {
  test(`PNG with ${name}: one-line DataError "unreadable PNG (…)"`, (t) => {
    const error = t.throws(() => decodeImage('x.png', bytes), { instanceOf: DataError });
    t.regex(error!.message, /^x\.png: unreadable PNG \(.+\)$/);
    t.regex(error!.message, reason);
    t.false(error!.message.includes('\n'));
  });
}

test('an interlaced 4×4 PNG whose data inflates to 50 MB is refused at the 23 bytes its IHDR implies (pngjs inflated it all)', (t) => {
  const bomb = rawPng(pngChunk('IHDR', ihdr(4, 4, 8, 0, 1)), pngChunk('IDAT', deflateSync(Buffer.alloc(50e6))));
  t.true(bomb.length < 100_000);
  const before = process.memoryUsage().rss;
  t.throws(() => decodeImage('bomb.png', bomb), { instanceOf: DataError, message: /^bomb\.png: unreadable PNG \(the image data inflates to more than the 23 bytes its IHDR implies\)$/ });
  t.true(process.memoryUsage().rss - before < 40e6, 'the 50 MB were never allocated');
});

test('good PNGs of every kind still pass the structure check (the check is not stricter than PNG)', (t) => {
  for (const interlace of [false, true]) {
    for (const [colorType, depth, channels] of [[0, 1, 1], [0, 16, 1], [2, 8, 3], [2, 16, 3], [3, 2, 1], [4, 8, 2], [6, 16, 4]] as const) {
      const width = 13;
      const height = 7;
      const max = colorType === 3 ? 3 : 2 ** depth - 1;
      const samples = Array.from({ length: width * height * channels }, (_, i) => (i * 7) % (max + 1));
      const palette = colorType === 3 ? ([[0, 0, 0], [9, 9, 9], [99, 99, 99], [255, 0, 0]] as [number, number, number][]) : undefined;
      t.notThrows(() => decodeImage('ok.png', pngBytes({ width, height, colorType, depth, samples, palette, interlace })), `type ${colorType} depth ${depth} interlace ${interlace}`);
    }
  }
});

for (const [name, text, reason] of [
  ['a non-numeric sample', 'P2\n2 2\n255\n1 x 3 4\n', /^x\.pgm: PGM sample 1 is "x", not a whole number$/],
  ['a negative sample', 'P2\n2 1\n4\n-1 2\n', /PGM sample 0 is "-1", not a whole number/],
  ['a fractional sample', 'P2\n2 1\n4\n1.5 2\n', /PGM sample 0 is "1\.5", not a whole number/],
  ['a hexadecimal sample', 'P2\n2 1\n255\n0x10 2\n', /PGM sample 0 is "0x10", not a whole number/],
  ['a sample above maxval', 'P2\n2 1\n4\n1 9\n', /PGM sample 1 is 9, above the maxval 4/],
  ['too few samples', 'P2\n2 2\n4\n1 2 3\n', /truncated PGM data \(3 of 4 samples\)/],
  ['a header without maxval', 'P2\n2 2\n', /malformed PGM header/],
  ['maxval 0', 'P2\n1 1\n0\n0\n', /unsupported PGM size or maxval/],
] as const) {
  test(`PGM with ${name}: one-line DataError (it decoded to wrong pixels before)`, (t) => {
    t.throws(() => decodeImage('x.pgm', Buffer.from(text)), { instanceOf: DataError, message: reason });
  });
}

test('P5 PGM: a byte above maxval and a missing separator are errors', (t) => {
  t.throws(() => decodeImage('x.pgm', Buffer.concat([Buffer.from('P5 2 1 4\n'), Buffer.from([1, 200])])), { instanceOf: DataError, message: /PGM sample 1 is 200, above the maxval 4/ });
  t.throws(() => decodeImage('x.pgm', Buffer.from('P5 2 1 4')), { instanceOf: DataError, message: /malformed PGM header/ });
});

const jpegCases: [string, Buffer, RegExp][] = [
  ['garbage after the SOI marker', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('garbage garbage garbage garbage')]), /^x\.jpg: unreadable JPEG \(.+\)$/],
  ['only SOI and EOI', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), /^x\.jpg: unreadable JPEG \(.+\)$/],
  ['a file cut in the scan data', Buffer.from(goodJpeg.subarray(0, 300)), /^x\.jpg: unreadable JPEG \(truncated: no end-of-image marker\)$/],
  ['scrambled entropy-coded data', (() => { const b = Buffer.from(goodJpeg); for (let i = 200; i < b.length - 2; i += 7) b[i] = (b[i] * 31 + 7) & 0xff; return b; })(), /^x\.jpg: unreadable JPEG \(.+\)$/],
];
for (const [name, bytes, reason] of jpegCases) {
  test(`JPEG with ${name}: one-line DataError`, (t) => {
    t.throws(() => decodeImage('x.jpg', bytes), { instanceOf: DataError, message: reason });
  });
}
