// Code actions: each quick fix, applied, makes its diagnostic go away — checked by re-checking the edited text.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { LanguageService } from '../../../compiler/services/index.js';
import { readOrUndefined, readText } from '../../helpers/files.js';
import { applyEdits, memoryService, offsetOf } from './service_helpers.js';

/** Diagnostics of `text` as file `path` (imports read from disk), as "CODE message". */
function diagnosticsOf(path: string, text: string, files: Record<string, string> = {}) {
  const service = new LanguageService({ readFile: (p) => files[p] ?? readOrUndefined(p) });
  service.setFile(path, text);
  return service.diagnostics(path).map((d) => `${d.code} ${d.message}`);
}

let tested = 0;
const cases = readdirSync('test/cases').filter((f) => f.endsWith('.net')).map((f) => `test/cases/${f}`);
const fixable = (hint: string | undefined, code: string) => /did you mean '/.test(hint ?? '') || code === 'NET3003' || code === 'NET3004';

for (const path of cases) {
  const text = readText(path);
  const service = new LanguageService({ readFile: readOrUndefined });
  service.setFile(path, text);
  const placed = service.diagnostics(path).filter((d) => d.file === path && fixable(d.hint, d.code));
  // (Cases whose error comes from options, `--set clases=100`, give none here: the service passes no options.)
  const inText = placed;
  if (inText.length === 0) continue;
  tested++;
  test(`${path}: each quick fix of ${inText[0].code}, applied, removes it`, (t) => {
    const d = inText[0];
    const actions = service.codeActions(path, d.from, d.to).filter((a) => a.diagnosticCode === d.code);
    t.true(actions.length >= 1, JSON.stringify(d));
    t.is(actions.filter((a) => a.preferred).length, 1, 'one preferred fix');
    for (const action of actions) {
      t.is(action.kind, 'quickfix');
      t.true(action.edits.every((e) => e.file === path));
      const fixed = applyEdits(text, action.edits);
      const after = diagnosticsOf(path, fixed);
      t.false(after.includes(`${d.code} ${d.message}`), `${action.title}\n${fixed}\n${after.join('\n')}`);
      t.false(after.some((x) => x.startsWith(d.code)), after.join('\n'));
      // Nothing new appears: the fix is the whole repair for these one-error cases.
      t.deepEqual(after.filter((x) => x.startsWith('NET1')), []);
    }
  });
}

test("'flatten' goes before a labelled dense (the label keeps naming the dense), on its own line", (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  conv(4, kernel: 3)\n  head: dense(10)\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  const d = service.diagnostics('n.net').find((x) => x.code === 'NET3004')!;
  const [action, pooled] = service.codeActions('n.net', d.from, d.from);
  const fixed = applyEdits(source, action.edits);
  t.is(fixed, 'network N {\n  input [1, 8, 8]\n  conv(4, kernel: 3)\n  flatten\n  head: dense(10)\n}\n');
  t.deepEqual(diagnosticsOf('n.net', fixed), []);
  t.false(pooled.preferred);
  t.true(applyEdits(source, pooled.edits).includes('  global_avgpool; flatten\n  head: dense(10)'));
  t.deepEqual(diagnosticsOf('n.net', applyEdits(source, pooled.edits)), []);
});

test("a dense in the middle of a line gets 'flatten; ' before it", (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  conv(4, kernel: 3); relu; dense(10)\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  const [action] = service.codeActions('n.net', 0, source.length);
  t.is(applyEdits(source, action.edits), source.replace('dense(10)', 'flatten; dense(10)'));
});

test('a residual in an imported block: the fix is offered in the block file, from the network that calls it', (t) => {
  const blocks = 'block down(channels) {\n  residual { conv(channels, kernel: 3, stride: 2, pad: 1) }\n  relu\n}\n';
  const net = 'import "blocks.net"\nnetwork N {\n  input [4, 16, 16]\n  down(8)\n  flatten\n  dense(10)\n}\n';
  const files = { '/w/blocks.net': blocks, '/w/net.net': net };
  const service = memoryService(files, '/w/net.net', '/w/blocks.net');
  // The squiggle is on the residual's body; the cursor on its first layer asks for the fix.
  const actions = service.codeActions('/w/blocks.net', offsetOf(blocks, 'conv'), offsetOf(blocks, 'conv'));
  t.is(actions.length, 1);
  t.is(actions[0].diagnosticCode, 'NET3003');
  const fixedBlocks = applyEdits(blocks, actions[0].edits);
  t.regex(fixedBlocks, /\} shortcut/);
  t.deepEqual(diagnosticsOf('/w/net.net', net, { ...files, '/w/blocks.net': fixedBlocks }), []);
});

test('the fixable golden cases are found (the loop above is not empty)', (t) => {
  t.true(cases.length > 40);
  t.true(tested >= 10, `${tested}`);
});

test('an existing shortcut that does not fit is replaced, not doubled', (t) => {
  const source = 'network N {\n  input [4, 16, 16]\n  residual { conv(8, kernel: 3, pad: 1) } shortcut { conv(8, kernel: 1, stride: 2) }\n  flatten\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  const [action] = service.codeActions('n.net', 0, source.length);
  const fixed = applyEdits(source, action.edits);
  t.is(fixed.match(/shortcut/g)!.length, 1);
  t.deepEqual(diagnosticsOf('n.net', fixed), []);
});

test('several typos: each action fixes its own; a range away from them offers none', (t) => {
  const source = 'network N(classes = 10) {\n  input [1, 28, 28]\n  conv(6, kernal: 5); rleu\n  flatten\n  dense(clases)\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  const all = service.codeActions('n.net', 0, source.length);
  t.deepEqual(all.map((a) => a.title).sort(), ["Change 'clases' to 'classes'", "Change 'kernal' to 'kernel'", "Change 'rleu' to 'relu'"]);
  t.deepEqual(diagnosticsOf('n.net', applyEdits(source, all.flatMap((a) => a.edits))), []);
  t.deepEqual(service.codeActions('n.net', 0, 5), []);
  t.deepEqual(service.codeActions('closed.net', 0, 5), []);
});
