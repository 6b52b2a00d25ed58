// Completion: layer arguments from the registry's schema, statements, values in scope — and inside broken code.
import test from 'ava';
import { LanguageService } from '../../../compiler/services/index.js';
import { layerRegistry } from '../../../compiler/ops/registry.js';
import { readText } from '../../helpers/files.js';
import { offsetOf, openFiles } from './service_helpers.js';

/** Completion labels of `kind` at the offset where `marker` (removed) stood in `text`. */
function at(text: string, kind?: string) {
  const offset = text.indexOf('|');
  const service = new LanguageService();
  service.setFile('t.net', text.replace('|', ''));
  const list = service.completions('t.net', offset);
  return { list, labels: list.items.filter((i) => !kind || i.kind === kind).map((i) => i.label) };
}

const lenetWith = (line: string) => readText('networks/lenet.net').replace('  flatten\n', `  flatten\n  ${line}\n`);

test("after `conv(` every conv argument is offered, as the registry's schema names them, with its type", (t) => {
  const { list, labels } = at(lenetWith('conv(|'), 'argument');
  t.deepEqual(labels, layerRegistry.get('conv')!.attrs.map((a) => a.name));
  t.true(labels.includes('kernel') && labels.includes('stride') && labels.includes('pad'));
  t.is(list.items.find((i) => i.label === 'stride')!.detail, 'int2 = 1');
  t.is(list.items.find((i) => i.label === 'pad')!.insertText, 'pad: ');
});

test('after `conv(16, kernel: 3, ` only the arguments not given yet, by position or by name', (t) => {
  const { labels } = at(lenetWith('conv(16, kernel: 3, |'), 'argument');
  t.false(labels.includes('channels'));
  t.false(labels.includes('kernel'));
  t.true(labels.includes('stride') && labels.includes('pad') && labels.includes('groups'));
  const positional = at(lenetWith('conv(16, 3, |)'), 'argument').labels;
  t.deepEqual(positional.slice(0, 2), ['stride', 'pad']);
});

test('a partly typed argument name replaces from its start, in a line that does not parse', (t) => {
  const source = lenetWith('conv(6, ker|');
  const { list, labels } = at(source, 'argument');
  t.true(labels.includes('kernel'));
  t.is(list.from, source.indexOf('ker|'));
  t.is(list.to, source.indexOf('|'));
});

test("at a statement's start: layers with their argument lists, the file's blocks and statement keywords", (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const service = openFiles(file);
  const offset = offsetOf(text, '  global_avgpool');
  const items = service.completions(file, offset).items;
  const labels = (kind: string) => items.filter((i) => i.kind === kind).map((i) => i.label);
  t.deepEqual(labels('layer'), [...layerRegistry.keys()]);
  t.is(items.find((i) => i.label === 'conv')!.detail, 'conv(channels, kernel, stride = 1, pad = 0, dilation = 1, groups = 1, bias = true)');
  t.deepEqual(labels('block'), ['basic']);
  for (const k of ['input', 'let', 'repeat', 'concat', 'residual']) t.true(labels('keyword').includes(k), k);
  t.deepEqual(service.completions(file, 0).items.map((i) => i.label), ['network', 'block', 'import']);
});

test("a value after `:` offers the definition's parameters and lets; a block call its parameters", (t) => {
  const values = at(lenetWith('let width = 64\n  dense(units: |'));
  t.true(values.labels.includes('classes'));
  t.is(values.list.items.find((i) => i.label === 'classes')!.kind, 'parameter');
  t.is(values.list.items.find((i) => i.label === 'width')!.kind, 'let');
  t.false(values.labels.includes('conv'));
  const resnet = readText('networks/resnet18.net').replace('  global_avgpool', '  basic(|\n  global_avgpool');
  t.deepEqual(at(resnet, 'argument').labels, ['channels', 'stride']);
});

test('`in.` offers the shape fields; inside a concat, `branch`; in a comment nothing', (t) => {
  t.deepEqual(at(lenetWith('conv(in.|')).labels, ['channels', 'height', 'width', 'features']);
  t.true(at('network N {\n  input [1, 8, 8]\n  concat {\n    |\n  }\n}\n', 'keyword').labels.includes('branch'));
  t.deepEqual(at(lenetWith('# conv(|')).labels, []);
});

test('completion, hover, diagnostics and inlay hints never throw at any point of any prefix of ResNet-18', (t) => {
  const text = readText('networks/resnet18.net');
  const service = new LanguageService();
  let answered = 0;
  for (let end = 0; end <= text.length; end += 13) {
    const prefix = text.slice(0, end);
    service.setFile('r.net', prefix);
    for (const offset of [0, end >> 1, end]) {
      answered += service.completions('r.net', offset).items.length >= 0 ? 1 : 0;
      service.hover('r.net', offset);
    }
    service.diagnostics('r.net');
    service.inlayHints('r.net');
  }
  t.true(answered > 0);
});

test("in a network that extends another, `freeze ` offers the base's top-level labels (base in another file)", (t) => {
  const file = 'test/cases/lib_finetune.net';
  const text = readText(file).replace('  freeze stem, stage1', '  freeze stem, ');
  const service = openFiles(file);
  service.setFile(file, text);
  const list = service.completions(file, offsetOf(text, 'freeze stem, ', 13));
  t.deepEqual(list.items.map((i) => `${i.kind}:${i.label}`), ['label:stem', 'label:stage1', 'label:stage2', 'label:stage3', 'label:stage4', 'label:head']);
  const local = 'network A {\n  input [1, 8, 8]\n  body: conv(4, kernel: 3)\n  top: dense(2)\n}\nnetwork B extends A {\n  freeze |\n}\n';
  t.deepEqual(at(local).labels, ['body', 'top']);
});

const small = 'network Small(classes = 10, width = 8) {\n  input [1, 28, 28]\n  stem: conv(width, kernel: 3)\n  flatten\n  head: dense(classes)\n}\n';

test("`extends Small(` offers the base's parameters not given a new default yet", (t) => {
  t.deepEqual(at(`${small}network T extends Small(|) {\n}\n`).labels, ['classes', 'width']);
  const { list, labels } = at(`${small}network T extends Small(width = 4, |) {\n}\n`);
  t.deepEqual(labels, ['classes']);
  t.is(list.items[0].insertText, 'classes = ');
});

test("a derived network's statement start offers the base's labels to replace and the directives, not layers", (t) => {
  const { list } = at(`${small}network T extends Small {\n  |\n}\n`);
  t.deepEqual(list.items.map((i) => `${i.kind}:${i.label}`), ['label:stem', 'label:head', 'keyword:input', 'keyword:freeze', 'keyword:train', 'keyword:new']);
  t.is(list.items[0].insertText, 'stem: ');
});

test("a directive's options: `train head (` gives lr and decay, `freeze stem (` gives batchnorm", (t) => {
  t.deepEqual(at(`${small}network T extends Small {\n  train head (|)\n}\n`, 'argument').labels, ['lr', 'decay']);
  t.deepEqual(at(`${small}network T extends Small {\n  freeze stem (|)\n}\n`, 'argument').labels, ['batchnorm']);
});

test('the one keyword the grammar takes next: in, then, else, shortcut', (t) => {
  const net = (line: string) => `network N(c = 1) {\n  input [1, 8, 8]\n  ${line}\n}\n`;
  t.deepEqual(at(net('repeat i |')).labels, ['in']);
  t.deepEqual(at(net('let x = if c > 1 |')).labels, ['then']);
  t.deepEqual(at(net('let x = if c > 1 then 2 |')).labels, ['else']);
  t.deepEqual(at(net('residual { relu } |')).labels, ['shortcut']);
  t.deepEqual(at(net('if c > 1 { relu } |')).labels, ['else']);
  t.false(at(net('if c > 1 |')).labels.includes('then'), 'a statement if takes { … }');
  // On the next line a new statement starts instead.
  t.true(at(net('residual { relu }\n  |')).labels.includes('conv'));
});

test("lets end with their body: a let inside `{ }` or a repeat's variable is not offered after the `}`", (t) => {
  const inside = at('block b(c) {\n  repeat i in 0..2 { let k = i; conv(|) }\n}\n').labels;
  t.true(inside.includes('k') && inside.includes('i') && inside.includes('c'));
  const after = at('block b(c) {\n  repeat i in 0..2 { let k = i }\n  conv(c, kernel: |)\n}\n').labels;
  t.false(after.includes('k') || after.includes('i'));
  t.true(after.includes('c'));
});
