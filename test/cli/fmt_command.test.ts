// netc fmt as a user runs it: in place, --check for CI, `-` for stdin, syntax errors and unreadable files.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const netc = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8', timeout: 20_000, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const messy = 'network N{input [1,8,8]\r\n   conv(4,kernel:3,pad:1) ;relu   # act\n\n\n\n  flatten;dense(2)}';
const formatted = 'network N { input [1, 8, 8]\n  conv(4, kernel: 3, pad: 1); relu # act\n\n  flatten; dense(2) }\n';
const clean = 'network C {\n  input [4]\n  dense(2)\n}\n';

/** A fresh directory with the named files. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netc-fmt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('netc fmt FILE… rewrites the files that need it, keeps the others untouched, exit 0', (t) => {
  const dir = scratch({ 'm.net': messy, 'c.net': clean });
  const before = statSync(join(dir, 'c.net')).mtimeMs;
  chmodSync(join(dir, 'm.net'), 0o640);
  const r = netc(['fmt', join(dir, 'm.net'), join(dir, 'c.net')]);
  t.is(r.code, 0, r.stderr);
  t.is(readFileSync(join(dir, 'm.net'), 'utf8'), formatted);
  t.is(readFileSync(join(dir, 'c.net'), 'utf8'), clean);
  t.is(statSync(join(dir, 'c.net')).mtimeMs, before, 'a formatted file is not rewritten');
  t.is(statSync(join(dir, 'm.net')).mode & 0o777, 0o640, 'the rewrite keeps the file mode');
  t.deepEqual(readdirSync(dir).sort(), ['c.net', 'm.net'], 'no temp file is left behind');
  t.is(r.stdout, '');
  t.is(netc(['fmt', '--check', join(dir, 'm.net')]).code, 0, 'a second run finds nothing to do');
});

test('netc fmt through a symlink formats the file it points to and keeps the link', (t) => {
  const dir = scratch({ 'm.net': messy });
  symlinkSync(join(dir, 'm.net'), join(dir, 'link.net'));
  const r = netc(['fmt', join(dir, 'link.net')]);
  t.is(r.code, 0, r.stderr);
  t.true(lstatSync(join(dir, 'link.net')).isSymbolicLink());
  t.is(readFileSync(join(dir, 'm.net'), 'utf8'), formatted);
});

test('netc fmt --check writes nothing, lists the files that differ and exits 1; 0 when all are formatted', (t) => {
  const dir = scratch({ 'm.net': messy, 'c.net': clean });
  const r = netc(['fmt', '--check', join(dir, 'c.net'), join(dir, 'm.net')]);
  t.is(r.code, 1);
  t.is(r.stdout, `${join(dir, 'm.net')}\n`);
  t.is(readFileSync(join(dir, 'm.net'), 'utf8'), messy);
  const ok = netc(['fmt', '--check', join(dir, 'c.net')]);
  t.is(ok.code, 0);
  t.is(ok.stdout, '');
});

test('netc fmt - formats standard input to standard output', (t) => {
  const r = netc(['fmt', '-'], messy);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, formatted);
  const check = netc(['fmt', '--check', '-'], messy);
  t.is(check.code, 1);
  t.is(check.stdout, '<stdin>\n');
  t.is(netc(['fmt', '--check', '-'], clean).code, 0);
});

test('a syntax error prints the diagnostics as netc check does, exits 1 and leaves the file as it was', (t) => {
  const broken = 'network B {\n  conv(6, kernel: 5\n  relu\n}\n';
  const dir = scratch({ 'b.net': broken, 'm.net': messy });
  const r = netc(['fmt', join(dir, 'b.net'), join(dir, 'm.net')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /b\.net:2:\d+: error NET1001: /);
  t.regex(r.stderr, /\n2 \| +conv\(6, kernel: 5\n/);
  t.is(readFileSync(join(dir, 'b.net'), 'utf8'), broken);
  t.is(readFileSync(join(dir, 'm.net'), 'utf8'), formatted, 'the other files are still formatted');
  const stdin = netc(['fmt', '-'], broken);
  t.is(stdin.code, 1);
  t.is(stdin.stdout, '');
  t.regex(stdin.stderr, /<stdin>:2:\d+: error NET1001/);
});

test('an unreadable FILE is the usual one-line error (exit 2) and no file is rewritten', (t) => {
  const dir = scratch({ 'm.net': messy });
  const r = netc(['fmt', join(dir, 'm.net'), join(dir, 'missing.net')]);
  t.is(r.code, 2);
  t.is(r.stderr, `netc: cannot read ${join(dir, 'missing.net')}: no such file\n`);
  t.is(readFileSync(join(dir, 'm.net'), 'utf8'), messy);
  const directory = netc(['fmt', dir]);
  t.is(directory.code, 2);
  t.regex(directory.stderr, /^netc: cannot read .*: it is a directory, not a file\n$/);
});

test('usage: no FILE, or - with other files, is a usage error; netc help fmt shows --check', (t) => {
  t.is(netc(['fmt']).code, 2);
  t.regex(netc(['fmt']).stderr, /netc fmt needs a FILE/);
  t.is(netc(['fmt', '-', 'x.net']).code, 2);
  const help = netc(['help', 'fmt']);
  t.is(help.code, 0);
  t.regex(help.stdout, /usage: netc fmt FILE…/);
  t.regex(help.stdout, /--check/);
  t.regex(netc(['fmt', '--set', 'a=1', 'x.net']).stderr, /unknown option --set for netc fmt/);
});
