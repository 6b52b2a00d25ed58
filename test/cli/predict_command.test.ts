// netc predict IMAGE…: a damaged or unreadable image is one line naming it (exit 1), never a hang or an internal error.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { netc } from '../helpers/cli.js';
import { compileFile } from '../helpers/files.js';
import { pngBytes, withBadCrc } from '../helpers/png_bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'netc-predict-'));
const weights = join(dir, 'zeros.json');
const ir = compileFile('networks/lenet.net').ir!;
// A JSON state_dict of zeros: any weights do, the image is read after they load.
writeFileSync(weights, JSON.stringify(Object.fromEntries(ir.nodes.flatMap((n) => n.params).map((p) => [p.name, { shape: p.shape, data: new Array(p.shape.reduce((a, b) => a * b, 1)).fill(0) }]))));
const good = pngBytes({ width: 28, height: 28, colorType: 0, depth: 8, samples: Array.from({ length: 784 }, (_, i) => i % 256) });
execFileSync('mkfifo', [join(dir, 'pipe.png')]);
writeFileSync(join(dir, 'good.png'), good);

const cases: [string, string, Uint8Array | undefined, RegExp][] = [
  ['a PNG with a bad CRC', 'crc.png', withBadCrc(good), /crc\.png: unreadable PNG \(bad CRC in the IDAT chunk\)$/],
  ['a PGM with a non-numeric sample', 'text.pgm', Buffer.from('P2\n2 2\n255\n1 x 3 4\n'), /text\.pgm: PGM sample 1 is "x", not a whole number$/],
  ['a FIFO', 'pipe.png', undefined, /pipe\.png: it is a FIFO \(named pipe\), not a regular file$/],
];

for (const [name, file, bytes, message] of cases) {
  test(`predict on ${name}: exit 1, one line naming the image`, (t) => {
    if (bytes) writeFileSync(join(dir, file), bytes);
    const r = predict(join(dir, file));
    t.is(r.code, 1, r.stderr);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('backend:'));
    t.is(lines.length, 1, r.stderr);
    t.regex(lines[0], /^netc: /);
    t.regex(lines[0], message);
  });
}

test('predict on a good PNG still answers', (t) => {
  const r = predict(join(dir, 'good.png'));
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /good\.png: .+%/);
});

function predict(image: string) {
  return netc('predict', 'networks/lenet.net', '--weights', weights, image, '--backend', 'cpu');
}
