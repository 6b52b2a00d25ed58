// The bounded reader: every kind of path that is not a small regular file gets its own accurate reason, fast.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, formatLimit, formatSize, readBounded, readBoundedJson } from '../../../runtime/platform/read_bounded.js';
import { UserError } from '../../../runtime/errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'netc-read-'));
const at = (name: string) => join(scratch, name);

/** A path of each kind, made in the scratch directory (or a system one), with the reason it must get. */
function cases(): [string, string, RegExp][] {
  const fifo = at('fifo');
  execFileSync('mkfifo', [fifo]);
  mkdirSync(at('dir'));
  symlinkSync(at('loop-b'), at('loop-a'));
  symlinkSync(at('loop-a'), at('loop-b'));
  writeFileSync(at('plain'), 'x');
  // 50 MB, sparse: nothing is written, the size is real.
  const big = openSync(at('big'), 'w');
  ftruncateSync(big, 50_000_000);
  closeSync(big);
  return [
    ['FIFO', fifo, /: it is a FIFO \(named pipe\), not a regular file$/],
    ['character device', '/dev/zero', /^\/dev\/zero: it is a character device, not a regular file$/],
    ['directory', at('dir'), /: it is a directory, not a file$/],
    ['symlink loop', at('loop-a'), /: too many levels of symbolic links \(a symlink loop\)$/],
    ['missing file', at('none'), /: no such file$/],
    ['a file used as a directory', join(at('plain'), 'inner'), /: a component of the path is not a directory$/],
    ['50 MB file', at('big'), /: the file is 50\.0 MB; the limit is 4 MiB$/],
    ['/proc/self/mem (EIO)', '/proc/self/mem', /^\/proc\/self\/mem: an input\/output error while reading it \(EIO\)$/],
  ];
}

for (const [name, path, reason] of cases()) {
  test(`refused with its reason: ${name}`, (t) => {
    const started = Date.now();
    const error = t.throws(() => readBounded(path, 4 * 1024 * 1024), { instanceOf: FileReadError });
    t.true(error instanceof UserError, 'a user error: the CLI prints it on one line, exit 1');
    t.regex(error!.message, reason);
    t.true(error!.message.startsWith(path), 'names the path');
    t.false(error!.message.includes('\n'));
    t.true(Date.now() - started < 2000, 'never waits');
  });
}

test('a socket is refused as a socket', async (t) => {
  const path = at('sock');
  const server = createServer();
  await new Promise<void>((done) => server.listen(path, done));
  try {
    t.throws(() => readBounded(path, 1024), { instanceOf: FileReadError, message: /: it is a socket, not a regular file$/ });
  } finally {
    server.close();
  }
});

test('a file that reports size 0 but holds more (/proc) is read up to the limit and no further', (t) => {
  // /proc/self/maps reports size 0 and holds several kB.
  t.true(readBounded('/proc/self/maps', 1 << 20).length > 100);
  t.throws(() => readBounded('/proc/self/maps', 16), { instanceOf: FileReadError, message: /: the file is more than 16 bytes; the limit is 16 bytes$/ });
});

test('files at and just over the limit: the limit is inclusive, one more byte is refused with the real size', (t) => {
  writeFileSync(at('exact'), Buffer.alloc(1000, 65));
  writeFileSync(at('over'), Buffer.alloc(1001, 65));
  t.is(readBounded(at('exact'), 1000).length, 1000);
  t.throws(() => readBounded(at('over'), 1000), { message: /: the file is 1\.0 kB; the limit is 1\.0 kB$/ });
  t.is(readBounded(at('exact'), 1000, '1,000 characters').toString(), 'A'.repeat(1000));
});

test('readBoundedJson: bad JSON is one line naming the file', (t) => {
  writeFileSync(at('bad.json'), '{"a": ');
  t.throws(() => readBoundedJson(at('bad.json')), { instanceOf: FileReadError, message: /bad\.json: not valid JSON \(.+\)$/ });
  writeFileSync(at('good.json'), '{"a": [1]}');
  t.deepEqual(readBoundedJson(at('good.json')), { a: [1] });
});

test('sizes and limits read as people write them', (t) => {
  t.is(formatSize(1), '1 byte');
  t.is(formatSize(999), '999 bytes');
  t.is(formatSize(50_000_000), '50.0 MB');
  t.is(formatSize(5 * 2 ** 30), '5.4 GB');
  t.is(formatLimit(4 * 2 ** 20), '4 MiB');
  t.is(formatLimit(64 * 2 ** 30), '64 GiB');
  t.is(formatLimit(1000), '1.0 kB');
});

test('permission denied is its own reason (a chmod 000 file; as root, which reads those, a /proc file root may not read)', (t) => {
  let path = at('secret');
  writeFileSync(path, 'x');
  chmodSync(path, 0o000);
  if (process.getuid?.() === 0) path = '/proc/sys/vm/compact_memory'; // write-only for everyone, root included
  if (!existsSync(path)) return t.log(`${path} does not exist here; EACCES untested`) as unknown as void;
  t.throws(() => readBounded(path, 1024), { instanceOf: FileReadError, message: /: permission denied \(EACCES\)$/ });
});
