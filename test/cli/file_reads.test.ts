// Every .net file netc reads — the command's FILE and each import — goes through the bounded reader: a FIFO, a device,
// a directory, a symlink loop, a 50 MB file or /proc/self/mem is one line with the accurate reason, never a hang.
import test from 'ava';
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** netc with a deadline: a read that blocks (a FIFO with no writer) fails the test instead of hanging it. */
const netc = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
};

const scratch = mkdtempSync(join(tmpdir(), 'netc-reads-'));
const at = (name: string) => join(scratch, name);

execFileSync('mkfifo', [at('fifo')]);
mkdirSync(at('dir'));
symlinkSync(at('loop-b'), at('loop-a'));
symlinkSync(at('loop-a'), at('loop-b'));
writeFileSync(at('plain.net'), 'network P { input [4]; dense(2) }\n');
const big = openSync(at('big.net'), 'w');
ftruncateSync(big, 50_000_000); // sparse: 50 MB by size, nothing on disk
closeSync(big);

/** [name, path as the user writes it, the reason that must be printed]. */
const kinds: [string, string, RegExp][] = [
  ['a FIFO', at('fifo'), /it is a FIFO \(named pipe\), not a regular file/],
  ['/dev/zero', '/dev/zero', /it is a character device, not a regular file/],
  ['a directory', at('dir'), /it is a directory, not a file/],
  ['a symlink loop', at('loop-a'), /too many levels of symbolic links \(a symlink loop\)/],
  ['a 50 MB file', at('big.net'), /the file is 50\.0 MB; the limit is 4,194,304 characters/],
  ['/proc/self/mem', '/proc/self/mem', /an input\/output error while reading it \(EIO\)/],
  ['a missing file', at('none.net'), /no such file/],
  ['a path through a file', join(at('plain.net'), 'x.net'), /a component of the path is not a directory/],
];

for (const [name, path, reason] of kinds) {
  test(`netc check on ${name}: one line naming it and why, exit 2 (a wrong FILE), no hang`, (t) => {
    const r = netc('check', path);
    t.false(r.timedOut, 'answered');
    t.is(r.code, 2);
    t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    t.true(r.stderr.startsWith(`netc: cannot read ${path}: `), r.stderr);
    t.regex(r.stderr, reason);
    t.notRegex(r.stderr, /internal error/);
  });

  test(`import of ${name}: NET2006 at the import with the accurate reason, no hang`, (t) => {
    const file = at(`imports-${name.replace(/\W+/g, '_')}.net`);
    writeFileSync(file, `import "${path}"\nnetwork A { input [4]; dense(2) }\n`);
    const r = netc('check', file);
    t.false(r.timedOut, 'answered');
    t.is(r.code, 1);
    t.regex(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:8: error NET2006: cannot import "${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}": `));
    t.regex(r.stderr.split('\n')[0], reason);
    t.regex(r.stderr, /\n1 error\n$/);
  });
}

test('a readable import still works, and a FIFO as the second FILE of check is refused without hanging', (t) => {
  const file = at('uses_plain.net');
  writeFileSync(file, 'import "plain.net"\nnetwork U { input [4]; dense(3) }\n');
  t.is(netc('check', file).code, 0);
  const r = netc('check', at('plain.net'), at('fifo'));
  t.false(r.timedOut);
  t.is(r.code, 2);
  t.regex(r.stderr, /fifo: it is a FIFO/);
});
