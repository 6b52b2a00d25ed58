// Definition, references and the node under a position: blocks across files, scopes of parameters and lets,
// labels shared along `extends` (replaced and frozen), imports.
import test from 'ava';
import { parse } from '../../../compiler/compile.js';
import { callsOf } from '../../../compiler/services/position.js';
import { readText } from '../../helpers/files.js';
import { memoryService, offsetOf, openFiles } from './service_helpers.js';

const blocks = `# A plain block.
block basic(channels, stride = 1) {
  let c = channels
  conv(c, kernel: 3, stride: stride); relu
}

block other(channels) {
  let c = channels * 2
  conv(c, kernel: 1)
}
`;
const net = `import "blocks.net"

network Small(classes = 10) {
  input [1, 28, 28]
  stem: basic(8, stride: 2)
  body: { basic(16); other(4) }
  flatten
  head: dense(classes)
}

network Tuned extends Small(classes = 5) {
  head: dense(classes)
  freeze stem, body
}
`;
const files = { '/w/blocks.net': blocks, '/w/net.net': net };
const where = (ranges: { file: string; from: number; to: number }[]) => ranges.map((r) => `${r.file}@${r.from}`).sort();

test('definition of a block called in net.net is its name in blocks.net (imported, not open)', (t) => {
  const service = memoryService(files, '/w/net.net');
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'basic', 2)), [{ file: '/w/blocks.net', from: offsetOf(blocks, 'basic'), to: offsetOf(blocks, 'basic') + 5 }]);
  // The cursor just after the word counts, as in every editor.
  t.is(service.definition('/w/net.net', offsetOf(net, 'basic', 5))[0]?.file, '/w/blocks.net');
});

test('references of a block from either file find the definition and both calls', (t) => {
  const service = memoryService(files, '/w/net.net', '/w/blocks.net');
  const expected = ['/w/blocks.net@' + offsetOf(blocks, 'basic'), '/w/net.net@' + offsetOf(net, 'basic'), '/w/net.net@' + offsetOf(net, 'basic', 0, 1)].sort();
  t.deepEqual(where(service.references('/w/net.net', offsetOf(net, 'basic'), true)), expected);
  t.deepEqual(where(service.references('/w/blocks.net', offsetOf(blocks, 'basic'), true)), expected);
  t.deepEqual(where(service.references('/w/blocks.net', offsetOf(blocks, 'basic'), false)), expected.filter((e) => e.startsWith('/w/net.net')));
});

test('references reach files that are not open through listFiles, and not past it', (t) => {
  // Only blocks.net is open: net.net is found because listFiles names it.
  const listed = memoryService(files, '/w/blocks.net');
  t.is(listed.references('/w/blocks.net', offsetOf(blocks, 'basic'), false).length, 2);
  const unlisted = memoryService({ '/w/blocks.net': blocks }, '/w/blocks.net');
  t.deepEqual(unlisted.references('/w/blocks.net', offsetOf(blocks, 'basic'), false), []);
});

test("a parameter's references: its uses in the block's body and the named arguments of its calls, in other files too", (t) => {
  const service = memoryService(files, '/w/blocks.net');
  const refs = where(service.references('/w/blocks.net', offsetOf(blocks, 'stride'), true));
  t.deepEqual(refs, ['/w/blocks.net@' + offsetOf(blocks, 'stride'), '/w/blocks.net@' + offsetOf(blocks, 'stride: stride', 8), '/w/net.net@' + offsetOf(net, 'stride')].sort());
  // `channels` of basic is not `channels` of other.
  const channels = where(service.references('/w/blocks.net', offsetOf(blocks, 'channels'), true));
  t.deepEqual(channels, ['/w/blocks.net@' + offsetOf(blocks, 'channels'), '/w/blocks.net@' + offsetOf(blocks, 'channels', 0, 1)].sort());
});

test("lets are scoped: `c` of basic and `c` of other are different, and a let's definition is its binding", (t) => {
  const service = memoryService(files, '/w/blocks.net');
  const second = offsetOf(blocks, 'conv(c', 5, 1);
  t.deepEqual(service.definition('/w/blocks.net', second), [{ file: '/w/blocks.net', from: offsetOf(blocks, 'c =', 0, 1), to: offsetOf(blocks, 'c =', 1, 1) }]);
  t.deepEqual(where(service.references('/w/blocks.net', second, true)), ['/w/blocks.net@' + offsetOf(blocks, 'c =', 0, 1), '/w/blocks.net@' + second].sort());
});

test('a repeat variable shadows nothing outside its body, and a let inside a body is not seen after it', (t) => {
  const source = 'network N(i = 2) {\n  input [1, 8, 8]\n  repeat i in 0..2 { conv(i + 1, kernel: 1) }\n  conv(i, kernel: 1)\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  t.deepEqual(service.definition('n.net', offsetOf(source, 'i + 1')), [{ file: 'n.net', from: offsetOf(source, 'i in'), to: offsetOf(source, 'i in') + 1 }]);
  t.deepEqual(service.definition('n.net', offsetOf(source, 'conv(i,', 5)), [{ file: 'n.net', from: offsetOf(source, 'i = 2'), to: offsetOf(source, 'i = 2') + 1 }]);
});

test("labels: a derived network's replacement and its freeze name the base's label", (t) => {
  const service = memoryService(files, '/w/net.net');
  const head = offsetOf(net, 'head');
  t.deepEqual(where(service.references('/w/net.net', head, true)), ['/w/net.net@' + head, '/w/net.net@' + offsetOf(net, 'head', 0, 1)]);
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'head', 0, 1)), [{ file: '/w/net.net', from: head, to: head + 4 }]);
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'freeze stem', 7)), [{ file: '/w/net.net', from: offsetOf(net, 'stem'), to: offsetOf(net, 'stem') + 4 }]);
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'Small(', 1)), [{ file: '/w/net.net', from: offsetOf(net, 'Small'), to: offsetOf(net, 'Small') + 5 }]);
  // The base's parameter, given a new default by `extends Small(classes = 5)` and used in the replacement.
  const classes = where(service.references('/w/net.net', offsetOf(net, 'classes'), true));
  t.is(classes.length, 4);
});

test('definition of an import path is the imported file; of a layer, nothing (it has no source)', (t) => {
  const service = memoryService(files, '/w/net.net');
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'blocks.net')), [{ file: '/w/blocks.net', from: 0, to: 0 }]);
  t.deepEqual(service.definition('/w/net.net', offsetOf(net, 'dense')), []);
  const missing = memoryService({ 'a.net': 'import "nowhere.net"\n' }, 'a.net');
  t.deepEqual(missing.definition('a.net', 9), []);
});

test('nodeAt names what is under the cursor, by meaning', (t) => {
  const service = memoryService(files, '/w/net.net');
  const at = (needle: string, delta = 0, nth = 0) => {
    const n = service.nodeAt('/w/net.net', offsetOf(net, needle, delta, nth));
    return n && `${n.kind} ${n.name} ${n.declaration ? 'decl' : 'use'} ${n.resolved ? 'known' : 'unknown'}`;
  };
  t.is(at('"blocks'), 'import blocks.net use known');
  t.is(at('Small'), 'network Small decl known');
  t.is(at('classes'), 'parameter classes decl known');
  t.is(at('basic'), 'blockCall basic use known');
  t.is(at('stride'), 'argument stride use known');
  t.is(at('stem'), 'label stem decl known');
  t.is(at('dense'), 'layer dense use known');
  t.is(at('freeze'), 'keyword freeze use unknown');
  t.is(at('Small', 0, 1), 'network Small use known');
  t.is(service.nodeAt('/w/net.net', offsetOf(net, '[1, 28')), undefined);
});

test('resnet18.net: every call of block basic is a reference of its definition', (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const service = openFiles(file);
  const calls = parse(text, { file }).ast!.definitions.flatMap(callsOf).filter((c) => c.name === 'basic');
  const refs = service.references(file, offsetOf(text, 'basic'), false);
  t.deepEqual(refs.map((r) => r.from).sort((a, b) => a - b), calls.map((c) => c.nameSpan.start));
  t.is(refs.length, 7);
});

test('an unknown block has no definition and no references; a file with syntax errors answers empty', (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  nosuch(3)\n}\n';
  const service = memoryService({ 'n.net': source, 'bad.net': 'network {' }, 'n.net', 'bad.net');
  t.deepEqual(service.definition('n.net', offsetOf(source, 'nosuch')), []);
  t.deepEqual(service.references('n.net', offsetOf(source, 'nosuch'), true), []);
  t.deepEqual(service.definition('bad.net', 3), []);
  t.deepEqual(service.references('missing.net', 0, true), []);
});
