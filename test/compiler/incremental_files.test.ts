// The incremental re-check across files and versions: an edited import re-checks its importers, unchanged
// block calls are reused (the same IR node objects), and each kind of edit takes the parse path it should.
import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import { parse } from '../../compiler/compile.js';
import { IncrementalChecker, type ReparseKind, reparse } from '../../compiler/incremental/index.js';
import { defaultLimits } from '../../compiler/limits.js';
import { LanguageService } from '../../compiler/services/index.js';
import { answers, applyEdits, editArb, freshAnswers, generatedSource } from './incremental_helpers.js';

const lib = 'block two(c, k = 1) {\n  conv(c, kernel: k)\n  relu\n}\n\nblock three(c) {\n  two(c)\n  two(c, k: 3)\n  batchnorm\n}\n';
const main = 'import "lib.net"\n\nnetwork M(width = 8) {\n  input [3, 8, 8]\n  two(width)\n  three(width)\n  flatten\n  dense(10)\n}\n';

test('random edits of an open imported file: the importer answers as a fresh service with both files open', (t) => {
  t.notThrows(() => fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
      const service = new LanguageService();
      service.setFile('lib.net', lib);
      service.setFile('main.net', main);
      service.diagnostics('main.net');
      for (const version of applyEdits(lib, edits)) {
        service.setFile('lib.net', version);
        const got = answers(service, 'main.net');
        const want = freshAnswers('main.net', main, { 'lib.net': version });
        if (!isDeepStrictEqual(got, want)) throw new Error(`main.net's answers differ after lib.net became:\n${version}`);
      }
    }),
    { numRuns: 150, seed: 1415 },
  ));
});

test("an import's edit that breaks the importer's shapes is reported in the importer, and mending it clears it", (t) => {
  const service = new LanguageService();
  service.setFile('lib.net', lib);
  service.setFile('main.net', main);
  t.deepEqual(service.diagnostics('main.net'), []);
  service.setFile('lib.net', lib.replace('kernel: k)', 'kernel: k + 8)'));
  t.is(service.diagnostics('main.net')[0]?.code, 'NET3005');
  service.setFile('lib.net', lib);
  t.deepEqual(service.diagnostics('main.net'), []);
  t.deepEqual(service.ir('main.net'), freshAnswers('main.net', main, { 'lib.net': lib }).irs[0]);
});

test('an edit inside one block re-expands only its calls: the other calls keep their IR node objects', (t) => {
  const text = generatedSource(12, 40);
  const checker = new IncrementalChecker();
  const before = checker.check(text, { file: 'g.net' }).irs[0];
  const edited = text.replace('block b5(c, k = 3) {\n  residual { conv(c, kernel: k,', 'block b5(c, k = 3) {\n  residual { conv(c, kernel: k ,');
  const after = checker.check(edited, { file: 'g.net' }).irs[0];
  t.is(checker.lastParse.get('g.net'), 'definition');
  const fresh = new LanguageService();
  fresh.setFile('g.net', edited);
  t.deepEqual(after, fresh.ir('g.net'));
  const old = new Set(before.nodes);
  const b5Calls = after.scopes.filter((s) => s.kind === 'block' && s.name === 'b5').map((s) => s.path);
  const redone = after.nodes.filter((n) => !old.has(n));
  const reused = after.nodes.filter((n) => old.has(n));
  // b5's calls are expanded again, and the network's own top-level layers; every other node is the same object.
  t.true(b5Calls.length >= 3);
  t.true(redone.every((n) => n.scope === '' || b5Calls.some((p) => n.scope === p || n.scope.startsWith(`${p}.`))), JSON.stringify(redone.map((n) => n.name)));
  t.true(redone.some((n) => n.scope !== ''));
  t.true(reused.length > after.nodes.length * 0.8);
});

test('reparse: an edit inside a network statement re-parses statements; inside a block, the block; between definitions, nothing; the rest, the whole file', (t) => {
  const text = generatedSource(12, 40);
  const previous = { text, ast: parse(text, { file: 'g.net' }).ast! };
  const cases: [string, string, ReparseKind | undefined][] = [
    ['a call argument', text.replace('  b3(16)\n', '  b3(17)\n'), 'statements'],
    ['a block body', text.replace('kernel: k, pad', 'kernel: k , pad'), 'definition'],
    ['a blank line between two definitions', text.replace('  relu\n}\nblock b1(', '  relu\n}\n\nblock b1('), 'between'],
    ['a comment line between two definitions', text.replace('  relu\n}\nblock b1(', '  relu\n}\n# b1: the second\nblock b1('), 'between'],
    ['spaces at the end of the file', `${text}  `, 'between'],
    ['a comment ending the line before a definition, without a line break', text.replace('  relu\n}\nblock b1(', '  relu\n}\n# b1 block b1('), undefined],
    ['a brace between two definitions', text.replace('  relu\n}\nblock b1(', '  relu\n}\n}\nblock b1('), undefined],
    ['across two definitions', text.replace('# block 0\n  relu\n}\nblock b1(c, k = 3) {\n  residual', '# block 0\n  residual'), undefined],
    ['a syntax error', text.replace('  b3(16)\n', '  b3(16\n'), undefined],
    ['the last statement of the network', text.replace('dense(classes)', 'dense(classes )'), 'definition'],
  ];
  for (const [what, edited, kind] of cases) {
    t.not(edited, text, what);
    const result = reparse({ text: previous.text, ast: parse(text, { file: 'g.net' }).ast! }, edited, defaultLimits);
    t.is(result?.kind, kind, what);
    if (result) t.deepEqual(result.ast, parse(edited, { file: 'g.net' }).ast, what);
  }
});

test('the block-call memo holds what the last complete check used: editing one block again and again does not grow it', (t) => {
  const text = generatedSource(12, 40);
  const checker = new IncrementalChecker();
  checker.check(text, { file: 'g.net' });
  const size = checker.memoSize;
  t.true(size > 40);
  for (let i = 0; i < 20; i++) checker.check(text.replace('kernel: k, pad: k // 2', `kernel: k, pad: k // 2 + ${i % 2}`), { file: 'g.net' });
  checker.check(text, { file: 'g.net' });
  t.is(checker.memoSize, size);
});
