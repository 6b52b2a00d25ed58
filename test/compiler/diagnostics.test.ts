// Golden diagnostics: one case per code in test/cases/, its rendered output, its documented fix, and the docs.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { messages } from '../../compiler/diagnostic_messages.js';
import { goldenPath, listCases, runCase } from '../../scripts/update_goldens.js';
import { applyEdits, diagnosticsMarkdown, docPath, editsFor, explanations } from '../../scripts/diagnostics_doc.js';

const cases = listCases();
const regenerate = 'regenerate with: npx tsc -p . && node dist/scripts/update_goldens.js';

for (const c of cases) {
  test(`${c.code} ${c.description}`, (t) => {
    const { diagnostics, rendered } = runCase(c);
    // NET4907 ("and N more") follows the diagnostics it summarizes: it is the last one, not the first.
    const which = c.code === 'NET4907' ? 'last' : 'first';
    t.is<string | undefined, string>((which === 'last' ? diagnostics.at(-1) : diagnostics[0])?.code, c.code, `the ${which} diagnostic of ${c.file} should be ${c.code}`);
    t.is(rendered + '\n', readFileSync(goldenPath(c), 'utf8'), `rendered output differs from the golden; ${regenerate}`);
  });

  const edits = editsFor(c, cases);
  if (edits) {
    test(`${c.code} ${c.description}: the documented fix compiles cleanly`, (t) => {
      const { source } = applyEdits(c, edits);
      t.deepEqual(runCase(c, source).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`), []);
    });
  }
}

test('every diagnostic code has a golden case', (t) => {
  const covered = new Set(cases.map((c) => c.code));
  t.deepEqual(Object.keys(messages).filter((code) => !covered.has(code)), []);
});

test('every further case of a code has its own documented fix (or none) that names a case', (t) => {
  const descriptions = new Set(cases.map((c) => c.description));
  const stale = Object.values(explanations).flatMap((e) => Object.keys(e.otherEdits ?? {})).filter((d) => !descriptions.has(d));
  t.deepEqual(stale, []);
});

test('every golden case is named for a known code', (t) => {
  t.deepEqual(cases.filter((c) => !(c.code in messages)).map((c) => c.name), []);
});

test('every diagnostic code is explained in docs/diagnostics.md', (t) => {
  const doc = readFileSync(docPath, 'utf8');
  t.deepEqual(Object.keys(messages).filter((code) => !doc.includes(`### ${code} `)), []);
});

test('docs/diagnostics.md is up to date', (t) => {
  t.true(readFileSync(docPath, 'utf8') === diagnosticsMarkdown(), 'regenerate with: npx tsc -p . && node dist/scripts/diagnostics_doc.js');
});
