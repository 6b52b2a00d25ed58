// lsp/line_edits: one edit per run of changed lines, and the edits always turn the old text into the new one.
import test from 'ava';
import fc from 'fast-check';
import { applyEdits, lineEdits, splitLines } from '../../lsp/line_edits.js';

test('splitLines keeps every line break (\\n, \\r\\n, \\r) so the lines join back to the text', (t) => {
  for (const text of ['', 'a', 'a\n', 'a\r\nb\rc\n\nd', '\n\n', 'x\r']) t.is(splitLines(text).join(''), text, JSON.stringify(text));
  t.deepEqual(splitLines('a\r\nb\rc'), ['a\r\n', 'b\r', 'c']);
});

test('one changed line in a 100-line file is one edit of that line only', (t) => {
  const lines = Array.from({ length: 100 }, (_, i) => `  conv(${i}, kernel: 3)\n`);
  const old = lines.join('');
  const changed = [...lines];
  changed[40] = '  conv(40, kernel: 5)\n';
  const edits = lineEdits(old, changed.join(''));
  t.deepEqual(edits, [{ from: lines.slice(0, 40).join('').length, to: lines.slice(0, 41).join('').length, newText: '  conv(40, kernel: 5)\n' }]);
});

test('re-indenting every other line gives one edit per changed line, none for the lines that stay', (t) => {
  const old = ['network N {', 'input [1, 28, 28]', '  relu', 'flatten', '  dense(10)', '}', ''].join('\n');
  const formatted = ['network N {', '  input [1, 28, 28]', '  relu', '  flatten', '  dense(10)', '}', ''].join('\n');
  const edits = lineEdits(old, formatted);
  t.deepEqual(edits.map((e) => e.newText), ['  input [1, 28, 28]\n', '  flatten\n']);
  t.is(applyEdits(old, edits), formatted);
});

test('identical texts need no edit; a missing final newline is a one-line edit', (t) => {
  t.deepEqual(lineEdits('a\nb\n', 'a\nb\n'), []);
  t.deepEqual(lineEdits('a\nb', 'a\nb\n'), [{ from: 2, to: 3, newText: 'b\n' }]);
  t.deepEqual(lineEdits('', 'x\n'), [{ from: 0, to: 0, newText: 'x\n' }]);
  t.deepEqual(lineEdits('x\n', ''), [{ from: 0, to: 2, newText: '' }]);
});

const line = fc.constantFrom('a', 'b', 'conv(6)', '  relu', '', '# c', 'é🙂');
const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, eol, last]) => ls.join(eol) + (last && ls.length > 0 ? eol : ''));

test('property: the edits turn any text into any other, sorted, disjoint, each starting at a line start', (t) => {
  t.notThrows(() =>
    fc.assert(
      fc.property(text, text, (a, b) => {
        const edits = lineEdits(a, b);
        if (applyEdits(a, edits) !== b) return false;
        const starts = new Set([0, ...splitLines(a).map((_, i, ls) => ls.slice(0, i + 1).join('').length)]);
        return edits.every((e, i) => starts.has(e.from) && starts.has(e.to) && e.from <= e.to && (i === 0 || edits[i - 1].to <= e.from));
      }),
      { numRuns: 500, seed: 14 },
    ),
  );
});

test('a text too large for the line table is one edit of the changed middle, still exact', (t) => {
  const a = Array.from({ length: 3000 }, (_, i) => `l${i}\n`).join('');
  const b = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `m${i}\n` : `l${i}\n`)).join('');
  const edits = lineEdits(a, b);
  t.is(edits.length, 1);
  t.is(applyEdits(a, edits), b);
});
