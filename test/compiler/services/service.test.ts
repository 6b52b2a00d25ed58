// The service's cache and per-file answers: same text, same analysis; an import's edit recompiles its importers.
import test from 'ava';
import { LanguageService } from '../../../compiler/services/index.js';
import { summarize } from '../../../compiler/summary.js';
import { compileFile, readText } from '../../helpers/files.js';
import { openFiles } from './service_helpers.js';

test('setFile with the same text keeps the compiled IR; a changed text compiles again', (t) => {
  const file = 'networks/lenet.net';
  const text = readText(file);
  const service = openFiles(file);
  const ir = service.ir(file);
  t.truthy(ir);
  service.setFile(file, text);
  t.is(service.ir(file), ir, 'same object: not recompiled');
  t.is(service.summary(file), service.summary(file));
  service.setFile(file, text.replace('dense(84)', 'dense(90)'));
  const changed = service.ir(file)!;
  t.not(changed, ir);
  t.is(changed.totalParams, ir!.totalParams + 6 * 120 + 6 * 10 + 6);
});

test("networks, ir and summary per file: summary is `netc summary`'s data for the default (first) network", (t) => {
  const file = 'networks/vgg11.net';
  const service = openFiles(file);
  const names = service.networks(file);
  t.true(names.length >= 2);
  t.deepEqual(service.summary(file), summarize(compileFile(file).ir!));
  for (const name of names) t.deepEqual(service.ir(file, name), compileFile(file, { network: name }).ir);
  t.is(service.ir(file, 'Nope'), undefined);
});

test('an edit to an open imported file recompiles the file that imports it; removeFile forgets it', (t) => {
  const service = new LanguageService();
  service.setFile('lib.net', 'block two(c) { conv(c, kernel: 1); relu }\n');
  service.setFile('main.net', 'import "lib.net"\nnetwork M {\n  input [3, 4, 4]\n  two(8)\n}\n');
  t.deepEqual(service.ir('main.net')!.nodes.at(-1)!.shape, [8, 4, 4]);
  service.setFile('lib.net', 'block two(c) { conv(c, kernel: 5); relu }\n');
  const [d] = service.diagnostics('main.net');
  t.is(d.code, 'NET3005');
  t.is(d.file, 'lib.net');
  t.is(d.related[0].file, 'main.net');
  service.removeFile('lib.net');
  t.is(service.diagnostics('main.net')[0].code, 'NET2006');
  t.deepEqual(service.inlayHints('lib.net'), []);
  t.is(service.hover('lib.net', 0), undefined);
});

test('networks() lists the networks of a file that does not parse', (t) => {
  const service = new LanguageService();
  service.setFile('x.net', 'network A { input [1, 2, 2] }\nnetwork B {\n  conv(\n');
  t.deepEqual(service.networks('x.net'), ['A', 'B']);
  t.is(service.ir('x.net', 'A'), undefined);
});

test('every answer is plain data a Web Worker can post (structuredClone keeps it equal)', (t) => {
  const file = 'test/cases/err_NET3003_residual_shape.net';
  const service = openFiles(file, 'networks/resnet18.net');
  const text = readText('networks/resnet18.net');
  const answers = [
    service.diagnostics(file),
    service.hover('networks/resnet18.net', text.indexOf('conv(') + 1),
    service.completions('networks/resnet18.net', text.indexOf('conv(') + 5),
    service.inlayHints('networks/resnet18.net'),
    service.summary('networks/resnet18.net'),
    service.ir('networks/resnet18.net'),
    service.nodeAt('networks/resnet18.net', text.indexOf('basic(64)')),
    service.definition('networks/resnet18.net', text.indexOf('basic(64)')),
    service.references('networks/resnet18.net', text.indexOf('basic(64)'), true),
    service.prepareRename('networks/resnet18.net', text.indexOf('basic(64)')),
    service.rename('networks/resnet18.net', text.indexOf('basic(64)'), 'unit'),
    service.documentSymbols('networks/resnet18.net'),
    service.semanticTokens('networks/resnet18.net'),
    service.codeActions(file, 0, readText(file).length),
  ];
  for (const answer of answers) {
    t.truthy(answer);
    t.deepEqual(structuredClone(answer), answer);
  }
});
