// Decoding an image folder's files: every damaged or unreadable file is skipped and counted with its reason, and
// --strict makes the first one an error; nothing else (a FIFO, a huge PNG, a text PGM) can stall or crash a run.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSplit, describeDecode, type DecodeReport } from '../../../runtime/data/image_cache.js';
import { DataError } from '../../../runtime/errors.js';
import { crc32, pngBytes, withBadCrc } from '../../helpers/png_bytes.js';

const good = pngBytes({ width: 4, height: 4, colorType: 0, depth: 8, samples: Array.from({ length: 16 }, (_, i) => i * 16) });

/** A folder with 2 good images and one of each damaged kind; [path, the reason its skip must give]. */
function folder(): { files: { path: string; label: number }[]; damaged: [string, RegExp][] } {
  const dir = mkdtempSync(join(tmpdir(), 'netc-cache-'));
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const goodFiles = [write('a.png', good), write('b.png', good)];
  const huge = Buffer.from(pngBytes({ width: 1, height: 1, colorType: 0, depth: 8, samples: [0] }));
  huge.writeUInt32BE(60000, 16);
  huge.writeUInt32BE(60000, 20);
  huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29); // a valid IHDR for 60000×60000 on a 70-byte file
  execFileSync('mkfifo', [join(dir, 'pipe.png')]);
  mkdirSync(join(dir, 'folder.png'));
  const damaged: [string, RegExp][] = [
    [write('crc.png', withBadCrc(good)), /^unreadable PNG \(bad CRC in the IDAT chunk\)$/],
    [write('huge.png', huge), /^unreadable PNG \(60000×60000 is too large \(the limit is 67,108,864 pixels\); refused before inflating\)$/],
    [write('text.pgm', Buffer.from('P2\n2 2\n255\n1 x 3 4\n')), /^PGM sample 1 is "x", not a whole number$/],
    [write('cut.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])), /^unreadable JPEG \(truncated: no end-of-image marker\)$/],
    [join(dir, 'pipe.png'), /^it is a FIFO \(named pipe\), not a regular file$/],
    [join(dir, 'folder.png'), /^it is a directory, not a file$/],
  ];
  return { files: [...goodFiles, ...damaged.map(([path]) => path)].map((path, i) => ({ path, label: i % 2 })), damaged };
}

const options = { shape: [1, 4, 4] as [number, number, number], where: 'input [1, 4, 4]', strict: false };

test('a folder with damaged files: the good ones decode, each damaged one is skipped with its reason and counted', (t) => {
  const { files, damaged } = folder();
  const report: DecodeReport = { images: 0, seconds: 0, skipped: [] };
  const split = decodeSplit(files, options, report);
  t.is(split.count, 2);
  t.is(report.images, 2);
  t.deepEqual(report.skipped.map((s) => s.path), damaged.map(([path]) => path));
  report.skipped.forEach((s, i) => t.regex(s.reason, damaged[i][1], s.path));
  t.regex(describeDecode(report, 2), /; 6 unreadable files skipped \(--strict makes this an error\): .*crc\.png \(unreadable PNG \(bad CRC in the IDAT chunk\)\), .*, and 1 more$/);
});

test('--strict: the first damaged file is a one-line DataError naming it', (t) => {
  const { files, damaged } = folder();
  const error = t.throws(() => decodeSplit(files, { ...options, strict: true }, { images: 0, seconds: 0, skipped: [] }), { instanceOf: DataError });
  t.true(error!.message.startsWith(`${damaged[0][0]}: unreadable PNG (bad CRC in the IDAT chunk)`), error!.message);
  t.regex(error!.message, /\(--strict: unreadable files are errors\)$/);
});
