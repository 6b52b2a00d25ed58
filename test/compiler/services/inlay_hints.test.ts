// Inlay hints: each layer line's output shape at the end of the line.
import test from 'ava';
import { LanguageService } from '../../../compiler/services/index.js';
import { readText } from '../../helpers/files.js';
import { offsetOf, openFiles } from './service_helpers.js';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

test("LeNet's inlay hints are D2L §7.6's shapes, one at the end of each layer line", (t) => {
  const file = 'networks/lenet.net';
  const text = readText(file);
  const hints = openFiles(file).inlayHints(file);
  t.deepEqual(hints.map((h) => h.label), ['[6, 28, 28]', '[6, 14, 14]', '[16, 10, 10]', '[16, 5, 5]', '[400]', '[120]', '[84]', '[10]']);
  const lines = text.split('\n');
  t.deepEqual(hints.map((h) => lineOf(text, h.offset)), [5, 6, 7, 8, 9, 10, 11, 12]);
  for (const h of hints) {
    const line = lines[lineOf(text, h.offset) - 1];
    t.is(text.slice(h.offset - line.trimEnd().length, h.offset), line.trimEnd(), 'at the end of the line');
  }
});

test('ResNet-18: a line inside block basic shows every distinct shape with its count; the shortcut runs 3 times', (t) => {
  const file = 'networks/resnet18.net';
  const text = readText(file);
  const hints = new Map(openFiles(file).inlayHints(file).map((h) => [lineOf(text, h.offset), h.label]));
  t.is(hints.get(lineOf(text, offsetOf(text, 'conv(channels, kernel: 3, pad: 1, stride'))), '[64, 24, 24] ×2, [128, 12, 12] ×2, [256, 6, 6] ×2, [512, 3, 3] ×2');
  t.is(hints.get(lineOf(text, offsetOf(text, 'conv(channels, kernel: 1'))), '[128, 12, 12], [256, 6, 6], [512, 3, 3]');
  t.is(hints.get(lineOf(text, offsetOf(text, 'stage2:'))), '[128, 12, 12]');
  t.is(hints.get(lineOf(text, offsetOf(text, 'head:'))), '[10]');
});

test('a trailing comment keeps its place after the hint; a network with errors gives no hints, the file still answers', (t) => {
  const service = new LanguageService();
  const text = 'network A {\n  input [1, 8, 8]\n  conv(2, kernel: 3)   # valid\n}\nnetwork B {\n  input [1, 8, 8]\n  conv(2, kernel: 30)\n}\n';
  service.setFile('a.net', text);
  const hints = service.inlayHints('a.net');
  t.deepEqual(hints.map((h) => h.label), ['[2, 6, 6]']);
  t.is(hints[0].offset, offsetOf(text, ')   #', 1));
});

test('while a new line does not parse, the hints above and below it stay, moved with their text', (t) => {
  const file = 'networks/lenet.net';
  const text = readText(file);
  const service = openFiles(file);
  const before = service.inlayHints(file);
  const typed = '  conv(16, ker\n';
  const at = offsetOf(text, '  flatten');
  const broken = text.slice(0, at) + typed + text.slice(at);
  service.setFile(file, broken);
  t.is(service.diagnostics(file)[0].code, 'NET1001');
  const during = service.inlayHints(file);
  t.deepEqual(during.map((h) => h.label), before.map((h) => h.label));
  t.deepEqual(during.map((h) => broken.slice(0, h.offset).split('\n').at(-1)), before.map((h) => text.slice(0, h.offset).split('\n').at(-1)));
  service.setFile(file, text.slice(0, at) + '  conv(16, kernel: 1)\n' + text.slice(at));
  t.is(service.inlayHints(file)[4].label, '[16, 5, 5]');
  t.is(service.inlayHints(file)[5].label, '[400]');
});
