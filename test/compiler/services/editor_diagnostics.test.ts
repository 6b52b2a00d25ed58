// Editor diagnostics: offsets that point at the right text, hints, the block call chain as related places.
import test from 'ava';
import { LanguageService } from '../../../compiler/services/index.js';
import { readText } from '../../helpers/files.js';
import { offsetOf, openFiles } from './service_helpers.js';

test('a shape error (dense on an image) spans `dense(120)` and carries the hint; fixing it clears it', (t) => {
  const file = 'test/cases/err_NET3004_dense_needs_flat.net';
  const text = readText(file);
  const service = openFiles(file);
  const [d, ...rest] = service.diagnostics(file);
  t.deepEqual(rest, []);
  t.is(d.code, 'NET3004');
  t.is(text.slice(d.from, d.to), 'dense(120)');
  t.regex(d.hint!, /add 'flatten'/);
  t.deepEqual(d.related, []);
  service.setFile(file, text.replace('  dense(120)', '  flatten\n  dense(120)'));
  t.deepEqual(service.diagnostics(file), []);
  t.truthy(service.ir(file));
});

test('an unknown layer spans its name, with the suggestion as hint', (t) => {
  const file = 'test/cases/err_NET2001_unknown_layer.net';
  const text = readText(file);
  const [d] = openFiles(file).diagnostics(file);
  t.is(d.code, 'NET2001');
  t.is(text.slice(d.from, d.to), 'max_pool');
  t.is(d.hint, "did you mean 'maxpool'?");
});

test('an error inside a block relates the call that ran it: offsets, line and column of `basic(128, …)`', (t) => {
  const file = 'test/cases/err_NET3003_residual_shape.net';
  const text = readText(file);
  const [d] = openFiles(file).diagnostics(file);
  t.is(d.code, 'NET3003');
  t.is(text.slice(d.from, d.to), 'conv(channels, kernel: 3, pad: 1, stride: stride)');
  t.is(d.related.length, 1);
  const r = d.related[0];
  t.is(r.from, offsetOf(text, 'basic(128'));
  t.is(text.slice(r.from, r.to), 'basic');
  t.deepEqual([r.line, r.column, r.message], [13, 3, 'in block basic, called at']);
});

test('a syntax error is a diagnostic at its place, and an unknown file has none', (t) => {
  const service = new LanguageService();
  const text = 'network N {\n  input [1, 8, 8]\n  conv(4, kernel: 3\n  relu\n}\n';
  service.setFile('n.net', text);
  const [d] = service.diagnostics('n.net');
  t.is(d.code, 'NET1001');
  t.is(text.slice(0, d.from).split('\n').length, 3);
  t.deepEqual(service.diagnostics('absent.net'), []);
  t.is(service.ir('n.net'), undefined);
});

test('positions survive text before the error that is not ASCII (UTF-16 offsets, code-point columns)', (t) => {
  const service = new LanguageService();
  const text = 'block b(c) {\n  conv(c, kernel: 3)\n}\nnetwork N {  # 🙂 élan\n  input [1, 2, 2]\n  b(4)\n}\n';
  service.setFile('u.net', text);
  const [d] = service.diagnostics('u.net');
  t.is(d.code, 'NET3005');
  t.is(text.slice(d.related[0].from, d.related[0].to), 'b');
  t.is(d.related[0].from, offsetOf(text, 'b(4)'));
});
