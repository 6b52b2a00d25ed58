// Fine-tuning from the command line: --init-from with its load report, rule flags, their errors, summary.
import test from 'ava';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { netc, lastJson } from '../helpers/cli.js';
import { writeFashionImageFolder } from '../../scripts/fashion_image_folder.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-cli-ft-'));

const dir = scratch();
const file = join(dir, 'small.net');
writeFileSync(
  file,
  `network Small(classes = 10) {
  input [1, 28, 28]
  features: { conv(6, kernel: 5, pad: 2); batchnorm; relu; maxpool(2); conv(8, kernel: 5); relu; maxpool(2) }
  flatten
  hidden: dense(32); relu
  head: dense(classes)
}
network Five extends Small(classes = 5) {
  head: dense(classes)
  freeze features
  train head (lr: 10)
}
`,
);
const source = join(dir, 'pretrained');
const common = ['--backend', 'wasm', '--limit', '300', '--test-limit', '100', '--epochs', '1', '--batch', '64'];
/** The 5-class target task: an image folder of Fashion-MNIST's first five classes. */
const five = join(dir, 'five');
const onFive = ['--data', five, '--backend', 'wasm', '--epochs', '1', '--batch', '50'];
let pretrained: ReturnType<typeof netc>;

test.before(() => {
  writeFashionImageFolder({ out: five, classes: [0, 1, 2, 3, 4], trainPerClass: 40, testPerClass: 20 });
  pretrained = netc('train', file, ...common, '--out', source, '--json');
});

test('train --init-from: the load report on stderr, init counts in --json, init_report.json in the run', (t) => {
  t.is(pretrained.code, 0, pretrained.stderr);
  const out = join(dir, 'five');
  const r = netc('train', file, '--network', 'Five', '--init-from', source, ...onFive, '--out', out, '--json');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /^init from .*pretrained: copied 10 tensors \([\d,]+ values\)$/m);
  t.regex(r.stderr, /^ {2}new \(declared\): head\.weight, head\.bias; the source's differ in shape: head\.weight \[10, 32\] → \[5, 32\]/m);
  t.deepEqual(lastJson(r.stdout).init, { source, copied: 10, initialized: 2, mismatched: 2, unused: 0 });
  t.is(JSON.parse(readFileSync(join(out, 'init_report.json'), 'utf8')).copied.length, 10);
});

test('a changed head not declared new is an error at its line; --new makes it new', (t) => {
  const r = netc('train', file, '--set', 'classes=5', '--init-from', source, ...onFive, '--out', join(dir, 'bad'));
  t.is(r.code, 1);
  t.regex(r.stderr, /^netc: .*small\.net:6:9: 'head\.weight' is \[5, 32\] here but \[10, 32\] in .*pretrained \(and 1 more: head\.bias\); declare it new \(`new head` in the network, or --new head\), or rename it$/m);
  t.notRegex(r.stderr, /\n\s+at /, 'no stack trace');
  const ok = netc('train', file, '--set', 'classes=5', '--new', 'head', '--freeze', 'features', '--lr-mult', 'head=10', '--init-from', source, ...onFive, '--out', join(dir, 'ok'));
  t.is(ok.code, 0, ok.stderr);
});

test('rule flags are checked against the network; --init-from and --resume exclude each other', (t) => {
  const typo = netc('train', file, '--freeze', 'featurs', ...common);
  t.is(typo.code, 2);
  t.regex(typo.stderr, /--freeze featurs names no layer of Small; did you mean features\?/);
  const negative = netc('summary', file, '--lr-mult', 'head=-1');
  t.is(negative.code, 2);
  t.regex(negative.stderr, /--lr-mult head=-1: the multiplier must be a number >= 0/);
  const both = netc('train', file, '--init-from', source, '--resume', source, ...common);
  t.is(both.code, 2);
  t.regex(both.stderr, /--init-from starts a run .* --resume continues a run/);
});

test('summary shows each layer frozen or trainable with its lr multiplier, and splits the totals', (t) => {
  const r = netc('summary', file, '--network', 'Five', '--lr-mult', 'hidden=0.5');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /Training/);
  t.regex(r.stdout, /features\.conv1 +conv +\[6, 28, 28\] +156 +[\d,]+ +frozen/);
  t.regex(r.stdout, /hidden +dense +\[32\] +[\d,]+ +[\d,]+ +trainable, lr ×0\.5/);
  t.regex(r.stdout, /head +dense +\[5\] +165 +160 +trainable, lr ×10, new/);
  t.regex(r.stdout, /Frozen params: +1,376/);
  const json = JSON.parse(netc('summary', file, '--network', 'Five', '--json').stdout);
  t.is(json.frozenParams, 156 + 12 + 1208);
  t.is(json.trainableParams, json.totalParams - json.frozenParams);
  t.like(json.layers.find((l: { name: string }) => l.name === 'head'), { training: 'trainable, lr ×10, new', lrMult: 10 });
  t.like(json.layers.find((l: { name: string }) => l.name === 'features.conv1'), { training: 'frozen', lrMult: 0 });
  t.like(json.layers.find((l: { name: string }) => l.name === 'features.relu1'), { training: '', lrMult: 0 });
});
