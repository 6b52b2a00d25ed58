// Derived networks (`extends`) and training directives (`freeze`, `train`, `new`) — through compile().
import test from 'ava';
import { check, compile } from '../../compiler/compile.js';
import { applyTrainingRules, matchesScope } from '../../compiler/training_rules.js';
import { mustCompile, codesOf, compileFile } from '../helpers/files.js';

const base = `
network Small(classes = 10, width = 8) {
  input [1, 28, 28]
  stem: { conv(width, kernel: 3, pad: 1); batchnorm; relu; maxpool(2) }
  body: { conv(2 * width, kernel: 3, pad: 1); batchnorm; relu; maxpool(2) }
  flatten
  hidden: dense(32); relu
  head: dense(classes)
}`;
const derived = (text: string) => `${base}\n${text}`;
/** Codes from checking every network of the source (compile() would check only the first). */
const checkCodes = (source: string) => check(source).diagnostics.map((d) => d.code);
const node = (ir: ReturnType<typeof mustCompile>, name: string) => ir.nodes.find((n) => n.name === name)!;

test('extends keeps the base and replaces a labelled statement; the replacement is new', (t) => {
  const ir = mustCompile(derived('network Five extends Small(classes = 5) { head: dense(classes) }'), { network: 'Five' });
  const small = mustCompile(base);
  t.is(ir.network, 'Five');
  t.deepEqual(ir.nodes.map((n) => n.name), small.nodes.map((n) => n.name));
  t.deepEqual(node(ir, 'head').shape, [5]);
  t.deepEqual(node(ir, 'head').training, { fresh: true });
  t.is(node(ir, 'stem.conv1').training, undefined);
  t.deepEqual(ir.args, { classes: 5, width: 8 });
  t.is(ir.totalParams, small.totalParams - 5 * 33);
});

test("a derived network's parameters: its own first, then the base's with new defaults, all settable", (t) => {
  const source = derived('network Wide(factor = 2) extends Small(width = 8 * factor, classes = 3) { head: { dropout(0.5); dense(classes) } }');
  const ir = mustCompile(source, { network: 'Wide' });
  t.deepEqual(ir.args, { factor: 2, classes: 3, width: 16 });
  t.deepEqual(node(ir, 'stem.conv1').shape, [16, 28, 28]);
  t.deepEqual(node(ir, 'head.dense1').shape, [3]);
  t.deepEqual(node(ir, 'head.dense1').training, { fresh: true });
  const set = mustCompile(source, { network: 'Wide', args: { factor: 1, classes: 7 } });
  t.deepEqual(set.args, { factor: 1, classes: 7, width: 8 });
  t.deepEqual(codesOf(source, { network: 'Wide', args: { clases: 7 } }), ['NET2002']);
});

test('a derived network may replace the input, and derive from a derived network (the most derived wins)', (t) => {
  const source = derived(`
network Rgb extends Small { input [3, 28, 28] }
network RgbFive extends Rgb(classes = 5) { head: dense(classes); freeze stem }`);
  const ir = mustCompile(source, { network: 'RgbFive' });
  t.deepEqual(ir.input, [3, 28, 28]);
  t.deepEqual(node(ir, 'stem.conv1').params[0].shape, [8, 3, 3, 3]);
  t.deepEqual(node(ir, 'head').shape, [5]);
  t.true(node(ir, 'stem.conv1').training?.frozen);
});

test('the base may be imported from another file; a replaced layer reports its own file and line', (t) => {
  const ir = compileFile('test/cases/lib_finetune.net', { network: 'Shoes' }).ir!;
  t.truthy(ir, 'compiles');
  const head = node(ir, 'head');
  t.is(head.source.file, 'test/cases/lib_finetune.net');
  t.true(node(ir, 'stem.conv1').source.file.endsWith('networks/resnet18.net'));
});

test('freeze: parameters frozen, batchnorm on running statistics unless batchnorm: "batch"; totals split', (t) => {
  const ir = mustCompile(derived('network F extends Small { freeze stem\nfreeze body (batchnorm: "batch") }'), { network: 'F' });
  t.deepEqual(node(ir, 'stem.conv1').training, { frozen: true });
  t.deepEqual(node(ir, 'stem.batchnorm1').training, { frozen: true, statistics: 'fixed' });
  t.deepEqual(node(ir, 'body.batchnorm1').training, { frozen: true, statistics: 'batch' });
  const frozen = [...node(ir, 'stem.conv1').params, ...node(ir, 'stem.batchnorm1').params, ...node(ir, 'body.conv1').params, ...node(ir, 'body.batchnorm1').params]
    .filter((p) => p.trainable)
    .reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  t.is(ir.frozenParams, frozen);
  t.is(ir.trainableParams, ir.totalParams - frozen);
});

test('train sets lr/decay multipliers (values may use parameters); a later directive overrides an earlier one', (t) => {
  const source = `
network N(head_lr = 10) {
  input [4]
  hidden: dense(8); relu
  head: dense(2)
  train head (lr: head_lr, decay: 0)
  train *, head (lr: 0.5)
}`;
  const ir = mustCompile(source);
  t.deepEqual(node(ir, 'hidden').training, { lrMult: 0.5 });
  t.deepEqual(node(ir, 'head').training, { lrMult: 0.5, decayMult: 0 });
  t.deepEqual(mustCompile(source.replace('train *, head (lr: 0.5)', ''), { args: { head_lr: 3 } }).nodes.find((n) => n.name === 'head')!.training, { lrMult: 3, decayMult: 0 });
});

test('new marks scopes that --init-from leaves initialized', (t) => {
  const ir = mustCompile(derived('network N2 extends Small { new hidden }'), { network: 'N2' });
  t.deepEqual(node(ir, 'hidden').training, { fresh: true });
  t.is(node(ir, 'head').training, undefined);
});

test('directive options are checked: names, kinds and ranges', (t) => {
  const net = (directive: string) => `network N { input [4]\nhead: dense(2)\n${directive} }`;
  t.deepEqual(codesOf(net('train head (rate: 2)')), ['NET2002']);
  t.deepEqual(codesOf(net('freeze head (lr: 2)')), ['NET2002']);
  t.deepEqual(codesOf(net('train head (lr: -1)')), ['NET4001']);
  t.deepEqual(codesOf(net('freeze head (batchnorm: "moving")')), ['NET4001']);
  t.deepEqual(codesOf(net('train head (2)')), ['NET2002']);
  t.deepEqual(codesOf(net('freeze haed')), ['NET2025']);
});

test('scope patterns: a path names its scope and everything in it; * stays within one segment', (t) => {
  t.true(matchesScope('stage1', 'stage1.0.conv1'));
  t.true(matchesScope('stage1.0', 'stage1.0.conv1'));
  t.false(matchesScope('stage1', 'stage10.conv1'));
  t.true(matchesScope('stage*', 'stage10.conv1'));
  t.true(matchesScope('*.conv1', 'stage2.conv1'));
  t.false(matchesScope('*.conv1', 'stage2.0.conv1'));
  t.true(matchesScope('stage2.0.1', 'stage2.0.1.bn'));
  t.false(matchesScope('stage.1', 'stageX1'));
  // Paths with numbers lex as floats (`0.1`) and still mean their text.
  const ir = mustCompile('network N { input [4]\nstage: { a: { dense(3) }\nb: { dense(3) } }\nfreeze stage.b }');
  t.true(ir.nodes.find((n) => n.name === 'stage.b.dense1')!.training?.frozen);
  t.is(ir.nodes.find((n) => n.name === 'stage.a.dense1')!.training, undefined);
});

test('applyTrainingRules is pure: the input IR is unchanged, problems name the rule and a suggestion', (t) => {
  const ir = mustCompile(base);
  const before = JSON.stringify(ir);
  const { ir: out, problems } = applyTrainingRules(ir, [{ kind: 'freeze', pattern: 'stem' }, { kind: 'train', pattern: 'hiden', lrMult: 2 }]);
  t.is(JSON.stringify(ir), before);
  t.true(out.nodes.find((n) => n.name === 'stem.conv1')!.training?.frozen);
  t.is(problems.length, 1);
  t.is(problems[0].index, 1);
  t.is(problems[0].suggestion, 'hidden');
  t.deepEqual(JSON.parse(JSON.stringify(out)), out, 'the IR stays plain JSON');
});

test('misplaced or foreign statements in derived networks are diagnosed, never crash', (t) => {
  t.deepEqual(checkCodes(derived('network D extends Small { relu }')), ['NET2023']);
  t.deepEqual(checkCodes(derived('network D extends Small { let x = 3 }')), ['NET2023']);
  t.deepEqual(checkCodes(derived('network D extends Small(clases = 3) { head: dense(3) }')), ['NET2002']);
  t.deepEqual(checkCodes(derived('network D extends Small(classes) { head: dense(3) }')), ['NET4001']);
  t.deepEqual(checkCodes(derived('network D(classes = 2) extends Small { head: dense(3) }')), ['NET2011']);
  t.deepEqual(checkCodes(derived('block b extends Small { relu }\nnetwork D { input [4]; dense(2) }')), ['NET2020']);
  t.deepEqual(checkCodes(derived('network D extends Small { head: conv(3, kernel: 99) }')), ['NET3009']);
  t.deepEqual(codesOf(`network N { input [4]\ndense(2)\nrepeat 2 { freeze x } }`), ['NET2024']);
  const result = compile(derived('network D extends Small { hed: dense(3) }'), { network: 'D' });
  t.is(result.diagnostics[0].code, 'NET2022');
  t.regex(result.diagnostics[0].message, /Small has no statement labelled 'hed'/);
});

test('freeze, train and new are not reserved: labels and parameters may use them; a path ends at a space', (t) => {
  const ir = mustCompile(`network N(train = 2) {
  input [1, 4, 4]
  train: { conv(train, kernel: 1); batchnorm }
  new: conv(2, kernel: 1)
  flatten
  freeze train
  train new (lr: 3)
  head: dense(3)
}`);
  t.true(ir.nodes.find((n) => n.name === 'train.conv1')!.training?.frozen);
  t.deepEqual(ir.nodes.find((n) => n.name === 'new')!.training, { lrMult: 3 });
  t.is(ir.nodes.find((n) => n.name === 'head')!.training, undefined);
  // `freeze stem` then a call on the next line: the path does not run on into it.
  const two = mustCompile('network M {\n  input [4]\n  stem: dense(3)\n  freeze stem\n  relu\n}');
  t.deepEqual(two.nodes.map((n) => n.op), ['input', 'dense', 'relu']);
});
