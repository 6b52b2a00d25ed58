// Rename: the edits, applied, give a program that checks as before with the new name everywhere; collisions,
// keywords, layer names and non-names are refused with a reason.
import test from 'ava';
import { check } from '../../../compiler/compile.js';
import type { LanguageService, TextEditAt } from '../../../compiler/services/index.js';
import { networkFiles, readText } from '../../helpers/files.js';
import { applyEdits, memoryService, offsetOf, openFiles } from './service_helpers.js';

const blocks = `block basic(channels, stride = 1) {
  let c = channels
  conv(c, kernel: 3, stride: stride, pad: 1); relu
}
`;
const net = `import "blocks.net"

network Small(classes = 10) {
  input [1, 28, 28]
  stem: basic(8, stride: 2)
  body: { basic(16) }
  flatten
  head: dense(classes)
}

network Tuned extends Small(classes = 5) {
  head: dense(classes)
  freeze stem, body
}
`;
const files = { '/w/blocks.net': blocks, '/w/net.net': net };

/** The files after the edits, and their check's diagnostics and IR parameter names. */
function applied(base: Record<string, string>, edits: TextEditAt[]) {
  const out = { ...base };
  for (const file of new Set(edits.map((e) => e.file))) out[file] = applyEdits(base[file], edits.filter((e) => e.file === file));
  const result = check(out['/w/net.net'], { file: '/w/net.net', readFile: (p) => out[p] });
  return { files: out, diagnostics: result.diagnostics.map((d) => d.code), names: result.irs.map((ir) => ir.nodes.flatMap((n) => n.params.map((p) => p.name))) };
}

function renameOk(t: import('ava').ExecutionContext, service: LanguageService, path: string, offset: number, newName: string) {
  const result = service.rename(path, offset, newName);
  if ('error' in result) throw new Error(result.error);
  return result.edits;
}

test('renaming a block from its call in net.net edits its definition in blocks.net; the program checks the same', (t) => {
  const service = memoryService(files, '/w/net.net');
  const edits = renameOk(t, service, '/w/net.net', offsetOf(net, 'basic', 1), 'res_block');
  t.is(edits.length, 3);
  t.deepEqual([...new Set(edits.map((e) => e.file))].sort(), ['/w/blocks.net', '/w/net.net']);
  const before = applied(files, []);
  const after = applied(files, edits);
  t.deepEqual(after.diagnostics, []);
  t.deepEqual(after.names, before.names);
  t.true(after.files['/w/blocks.net'].startsWith('block res_block(channels'));
  t.false(after.files['/w/net.net'].includes('basic'));
});

test('renaming a parameter renames its uses and the named arguments of its calls in other files', (t) => {
  const service = memoryService(files, '/w/blocks.net');
  const edits = renameOk(t, service, '/w/blocks.net', offsetOf(blocks, 'stride'), 'step');
  const after = applied(files, edits);
  t.deepEqual(after.diagnostics, []);
  t.true(after.files['/w/net.net'].includes('basic(8, step: 2)'));
  t.true(after.files['/w/blocks.net'].includes('stride: step'), 'the layer attribute stride is not the parameter');
});

test("renaming a base network's label renames the derived network's replacement and freeze target", (t) => {
  const service = memoryService(files, '/w/net.net');
  const edits = renameOk(t, service, '/w/net.net', offsetOf(net, 'freeze stem', 7), 'entry');
  t.is(edits.length, 2);
  const after = applied(files, edits);
  t.deepEqual(after.diagnostics, []);
  t.true(after.names[0].includes('entry.conv1.weight'));
  const head = renameOk(t, service, '/w/net.net', offsetOf(net, 'head', 0, 1), 'classifier');
  t.deepEqual(applied(files, head).diagnostics, []);
  t.is(head.length, 2);
});

test('renaming a let and a network checks the same afterwards', (t) => {
  const service = memoryService(files, '/w/blocks.net', '/w/net.net');
  t.deepEqual(applied(files, renameOk(t, service, '/w/blocks.net', offsetOf(blocks, 'c,'), 'width')).diagnostics, []);
  const edits = renameOk(t, service, '/w/net.net', offsetOf(net, 'Small'), 'Tiny');
  t.is(edits.length, 2);
  t.deepEqual(applied(files, edits).diagnostics, []);
});

test('collisions are refused: a block onto a network, a parameter onto a let, a label onto a label', (t) => {
  const service = memoryService(files, '/w/net.net', '/w/blocks.net');
  const error = (path: string, offset: number, name: string) => {
    const r = service.rename(path, offset, name);
    return 'error' in r ? r.error : `edits: ${r.edits.length}`;
  };
  t.regex(error('/w/net.net', offsetOf(net, 'basic'), 'Tuned'), /'Tuned' is already defined \(a network/);
  t.regex(error('/w/blocks.net', offsetOf(blocks, 'stride'), 'c'), /'c' is already a let/);
  t.regex(error('/w/blocks.net', offsetOf(blocks, 'c ='), 'channels'), /'channels' is already a parameter of basic/);
  t.regex(error('/w/net.net', offsetOf(net, 'stem'), 'body'), /'body' is already a label in Small/);
  t.regex(error('/w/net.net', offsetOf(net, 'stem'), 'conv2'), /a name netc gives unlabelled/);
  // A base network's parameter is also one of the networks extending it, in another file too.
  const derived = 'import "net.net"\nnetwork Wide(factor = 2) extends Small(classes = 3 * factor) {\n  freeze stem\n}\n';
  const more = memoryService({ ...files, '/w/wide.net': derived }, '/w/net.net');
  const clash = more.rename('/w/net.net', offsetOf(net, 'classes'), 'factor');
  t.regex('error' in clash ? clash.error : 'accepted', /'factor' is already a parameter of Wide/);
});

test('invalid new names are refused: not an identifier, a keyword, a layer, a function for a value', (t) => {
  const service = memoryService(files, '/w/blocks.net');
  const error = (name: string) => {
    const r = service.rename('/w/blocks.net', offsetOf(blocks, 'basic'), name);
    return 'error' in r ? r.error : 'accepted';
  };
  t.regex(error('2fast'), /is not a name/);
  t.regex(error('my-block'), /is not a name/);
  t.regex(error('residual'), /'residual' is a keyword/);
  t.regex(error('conv'), /'conv' is a built-in layer/);
  const r = service.rename('/w/blocks.net', offsetOf(blocks, 'c ='), 'max');
  t.regex('error' in r ? r.error : '', /'max' is a built-in function/);
});

test('prepareRename gives the word and its text, or a reason for layers, keywords, numbers, arguments of layers', (t) => {
  const service = memoryService(files, '/w/net.net');
  t.deepEqual(service.prepareRename('/w/net.net', offsetOf(net, 'basic', 2)), { from: offsetOf(net, 'basic'), to: offsetOf(net, 'basic') + 5, placeholder: 'basic' });
  const reason = (needle: string, delta = 0) => {
    const r = service.prepareRename('/w/net.net', offsetOf(net, needle, delta));
    return r && 'error' in r ? r.error : JSON.stringify(r);
  };
  t.regex(reason('dense'), /'dense' is a built-in layer/);
  t.regex(reason('network'), /'network' is a keyword/);
  t.regex(reason('28'), /a number cannot be renamed/);
  t.regex(reason('blocks.net'), /import path/);
  t.regex(reason('freeze'), /training directive/);
  t.is(service.prepareRename('/w/net.net', offsetOf(net, '\n\nnetwork', 1)), undefined);
  const layerArg = memoryService(files, '/w/blocks.net').prepareRename('/w/blocks.net', offsetOf(blocks, 'kernel'));
  t.regex(layerArg && 'error' in layerArg ? layerArg.error : '', /argument of a built-in layer/);
});

for (const file of networkFiles()) {
  test(`${file}: renaming every block and parameter leaves the IR's parameter names and shapes unchanged`, (t) => {
    const text = readText(file);
    const service = openFiles(file);
    const before = check(text, { file }).irs.map((ir) => ir.nodes.map((n) => `${n.name} ${n.shape}`));
    const targets = service.documentSymbols(file).flatMap((d) => [d, ...d.children.filter((c) => c.kind === 'parameter')]).filter((d) => d.kind === 'block' || d.kind === 'parameter');
    for (const symbol of targets) {
      const result = service.rename(file, symbol.selectionFrom, `${symbol.name}_x`);
      if ('error' in result) return t.fail(`${file}: ${symbol.name}: ${result.error}`);
      const renamed = applyEdits(text, result.edits);
      const after = check(renamed, { file });
      t.deepEqual(after.diagnostics, [], `${file}: ${symbol.name}`);
      t.deepEqual(after.irs.map((ir) => ir.nodes.map((n) => `${n.name} ${n.shape}`)), before, `${file}: ${symbol.name}`);
      t.true(result.edits.length >= 1);
    }
    // Every network has blocks or parameters to rename; an empty list would assert nothing above.
    t.true(targets.length > 0, `${file}: no block or parameter found to rename`);
  });
}

test('offsets are UTF-16: after 🙂 and é in comments, rename edits cover exactly the old name', (t) => {
  const text = '# 🙂 é\nblock unit(c) { # é🙂\n  conv(c, kernel: 1)\n}\nnetwork N { # 🙂🙂\n  input [1, 8, 8]; unit(4) # é\n}\n';
  const service = memoryService({ 'u.net': text }, 'u.net');
  const result = service.rename('u.net', offsetOf(text, 'unit(4)'), 'piece');
  if ('error' in result) return t.fail(result.error);
  for (const e of result.edits) t.is(text.slice(e.from, e.to), 'unit');
  const renamed = applyEdits(text, result.edits);
  t.is(renamed, text.replaceAll('unit', 'piece'));
  t.deepEqual(check(renamed, { file: 'u.net' }).diagnostics, []);
  const param = service.rename('u.net', offsetOf(text, 'c,'), 'width');
  if ('error' in param) return t.fail(param.error);
  t.is(applyEdits(text, param.edits), text.replace('(c)', '(width)').replace('conv(c,', 'conv(width,'));
});
