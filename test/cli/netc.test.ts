// The CLI as other tools use it: exit codes (0 ok, 1 diagnostics, 2 usage/internal) and --json outputs.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const netc = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const scratch = mkdtempSync(join(tmpdir(), 'netc-cli-'));
const write = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

test('--help prints usage and exits 0; no command exits 2', (t) => {
  const help = netc('--help');
  t.is(help.code, 0);
  t.regex(help.stdout, /netc check FILE/);
  t.is(netc().code, 2);
});

test('check: a clean file exits 0 and says ok', (t) => {
  const r = netc('check', 'networks/lenet.net', 'networks/resnet18.net');
  t.is(r.code, 0);
  t.regex(r.stderr, /networks\/lenet\.net: ok \(LeNet: 61,706 params\)/);
});

test('check: errors print file:line:col, the line, a caret and a hint, and exit 1', (t) => {
  const file = write('bad.net', 'network N {\n  input [1, 28, 28]\n  conv(6, kernel: 5)\n  dense(10)\n}\n');
  const r = netc('check', file);
  t.is(r.code, 1);
  t.is(r.stderr, `${file}:4:3: error NET3004: 'dense' needs a flat [features] input, got [6, 24, 24]\n  |\n4 |   dense(10)\n  |   ^^^^^^^^^\n  hint: add 'flatten' (or 'global_avgpool; flatten') before it\n\n1 error\n`.replace(/NET3004: .*\n/, (m) => m));
});

test('check --json prints the diagnostics array on stdout', (t) => {
  const file = write('bad2.net', 'network N { input [1, 8, 8]; conv(4, kernl: 3) }');
  const r = netc('check', '--json', file);
  t.is(r.code, 1);
  const ds = JSON.parse(r.stdout);
  t.deepEqual(ds.map((d: { code: string }) => d.code), ['NET2014', 'NET2002']);
  t.like(ds[1], { severity: 'error', file, line: 1, column: 38, hint: "did you mean 'kernel'?" });
  t.deepEqual(JSON.parse(netc('check', '--json', 'networks/lenet.net').stdout), []);
});

test('summary --json has the documented fields', (t) => {
  const r = netc('summary', 'networks/lenet.net', '--json');
  t.is(r.code, 0);
  const s = JSON.parse(r.stdout);
  t.is(s.network, 'LeNet');
  t.deepEqual(s.input, [1, 28, 28]);
  t.is(s.totalParams, 61706);
  t.is(s.trainableParams, 61706);
  t.is(s.macs, 416520);
  t.is(s.frozenParams, 0);
  t.deepEqual(s.layers[0], { name: 'conv1', op: 'conv', outputShape: [6, 28, 28], params: 156, macs: 117600, training: 'trainable', lrMult: 1 });
  t.is(s.layers.length, 12);
});

test('summary prints a table with totals; --network and --set choose and configure', (t) => {
  const r = netc('summary', 'networks/vgg11.net', '--network', 'VGG11Small', '--set', 'classes=5');
  t.is(r.code, 0);
  t.regex(r.stdout, /^VGG11Small \(networks\/vgg11\.net\), input \[1, 224, 224\]/);
  t.regex(r.stdout, /features\.0\.conv1 +conv +\[16, 224, 224\]/);
  t.regex(r.stdout, /classifier\.dense3 +dense +\[5\]/);
  t.regex(r.stdout, /Total params: +43,\d{3},\d{3}/);
  t.regex(r.stdout, /MACs per image:/);
  t.regex(r.stdout, /Activation memory per image:/);
});

test('compile --emit tokens|ast|ir prints JSON', (t) => {
  const tokens = JSON.parse(netc('compile', 'networks/lenet.net', '--emit', 'tokens').stdout);
  t.deepEqual(tokens[0], { type: 'Network', image: 'network', line: 3, column: 1 });
  const ast = JSON.parse(netc('compile', 'networks/lenet.net', '--emit', 'ast').stdout);
  t.is(ast.definitions[0].name, 'LeNet');
  const ir = JSON.parse(netc('compile', 'networks/lenet.net', '--emit', 'ir').stdout);
  t.is(ir.irVersion, 3);
  t.is(ir.totalParams, 61706);
  t.is(netc('compile', 'networks/lenet.net', '--emit', 'bytecode').code, 2);
});

test('usage errors exit 2 with one line, never a stack trace', (t) => {
  for (const args of [['frobnicate', 'x.net'], ['check'], ['check', 'does/not/exist.net'], ['summary', 'networks'], ['check', '--bogus', 'x'], ['summary', 'a.net', 'b.net']]) {
    const r = netc(...args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, /^netc: .+\n$/, args.join(' '));
    t.notRegex(r.stderr, /\n\s+at /);
  }
});

test('a binary file is diagnosed, not a crash', (t) => {
  const file = write('binary.net', Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]).toString('latin1'));
  const r = netc('check', file);
  t.is(r.code, 1);
  t.regex(r.stderr, /NET1002/);
});

test('an unknown network exits 1 with the available names', (t) => {
  const r = netc('summary', 'networks/vgg11.net', '--network', 'VGG12');
  t.is(r.code, 1);
  t.regex(r.stderr, /NET2008: no network named 'VGG12'/);
});
