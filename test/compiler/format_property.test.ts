// Property: for generated valid programs laid out at random (spacing, comments, blank lines, CRLF), formatting
// is idempotent, keeps every token and comment in order, and leaves every network's IR unchanged.
import test from 'ava';
import fc from 'fast-check';
import { formatSource } from '../../compiler/format.js';
import { parse } from '../../compiler/compile.js';
import { hostileCases, mutants } from '../../bench/fuzz_cases.js';
import { networkFiles, readText } from '../helpers/files.js';
import { commentsOf, irsOf, tokensOf } from './format_helpers.js';

// A program is written as tokens separated by one space; `·` joins two tokens that must touch (a label
// template, a path segment) and `^` two that must stay on one line (a directive and its path). `$` is the
// statement's number, so labels stay unique.
const statements = [
  'conv ( 4 , kernel : 3 , pad : 1 )',
  'relu',
  'batchnorm ;',
  'dropout ( 0.25 )',
  'residual { conv ( in . channels , kernel : 3 , pad : 1 ) ; relu }',
  'residual { conv ( 6 , kernel : 1 ) } shortcut if in . channels != 6 { conv ( 6 , kernel : 1 ) }',
  'repeat 2 { relu }',
  'repeat i in 0 .. 2 { layer$·{ i }·: conv ( 2 + i * 2 , kernel : 1 ) }',
  'repeat i in 0 .. 2 { repeat j in 1 .. 2 { b$·{ i }·_·{ j }·: relu } }',
  'if in . channels > 2 and not false { relu } else { sigmoid }',
  'if in . channels == 1 { relu } else if in . channels < 0 { gelu } else { silu }',
  'concat { branch { conv ( 2 , kernel : 1 ) } conv ( 3 , kernel : 1 ) ; identity }',
  'scale { global_avgpool ; conv ( in . channels , kernel : 1 ) ; sigmoid }',
  'unit ( 4 )',
  'unit ( max ( 2 , - 1 + 3 ) , k : 1 )',
  'g$ : { relu ; conv ( ( 3 + 1 ) // 2 * 3 % 5 , kernel : 1 ) }',
  '{ relu }',
];

const program = (body: string[]): string =>
  [
    'block unit ( c , k = 3 ) {',
    'let w = c * 2',
    'conv ( w , kernel : k , pad : ( k - 1 ) // 2 ) ; relu',
    '}',
    'network Gen ( classes = 10 , width = 4 , sizes = [ [ 1 , 2 ] , [ 3 ] ] ) {',
    'input [ 1 , 8 , 8 ]',
    'stem : { conv ( width , kernel : 3 , pad : 1 ) ; relu }',
    ...body.map((s, i) => s.replaceAll('$', String(i))),
    'flatten',
    'head : dense ( if classes > sizes [ 0 ] [ 1 ] then classes else 2 )',
    '}',
    'network Tuned extends Gen ( classes = 3 ) {',
    'head : dense ( classes )',
    'freeze^stem',
    'train^head^( lr : 10 , decay : 0.5 )',
    '}',
  ].join(' ');

const comment = fc.constantFrom('# note', '#', '# a, b: c  ', '#{ not code }', '# ü 🎉');
/** White space between two tokens that may be anything: spaces, tabs, line breaks, blank lines, comments. */
const anySpace = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\n\n\n', '\n    ', ' \t\n\t ') },
  { weight: 1, arbitrary: comment.map((c) => ` ${c}\n`) },
  { weight: 1, arbitrary: fc.tuple(comment, comment).map(([a, b]) => `\n\n  ${a}\r\n\n${b}\n  `) },
);
const sameLine = fc.constantFrom(' ', '  ', '\t');
/** Where no white space at all keeps the tokens apart: next to a bracket, a comma, `;` or `:`. */
const separates = (a: string, b: string): boolean => /^[()[\],;:]$/.test(a) || /^[()[\],;:]$/.test(b);

/** One word's text: `·` joins tokens directly, `^` takes white space that stays on the line. */
const wordText = (word: string): fc.Arbitrary<string> => {
  const parts = word.replaceAll('·', '').split('^');
  return fc.tuple(...parts.slice(1).map(() => sameLine)).map((spaces) => parts.reduce((out, part, i) => out + (i > 0 ? spaces[i - 1] : '') + part));
};

/** The program's tokens with a layout chosen by fast-check. */
const laidOut = fc
  .array(fc.constantFrom(...statements), { maxLength: 8 })
  .map(program)
  .chain((text) => {
    const words = text.split(' ');
    const gaps = words.slice(1).map((word, i) => (separates(words[i].slice(-1), word[0]) ? fc.oneof(anySpace, fc.constant('')) : anySpace));
    return fc.tuple(fc.tuple(...words.map(wordText)), fc.tuple(...gaps), fc.boolean()).map(([texts, spaces, crlf]) => {
      const out = texts.reduce((all, word, i) => all + (i > 0 ? spaces[i - 1] : '') + word) + '\n';
      return crlf ? out.replace(/\r?\n/g, '\r\n') : out;
    });
  });

test('generated programs: format(format(x)) == format(x), tokens, comments and IR unchanged', (t) => {
  let checked = 0;
  fc.assert(
    fc.property(laidOut, (source) => {
      const parsed = parse(source, { file: 'gen.net' });
      if (!parsed.ast) throw new Error(`the generator wrote a syntax error: ${parsed.diagnostics[0].message}\n${source}`);
      const once = formatSource(source, { file: 'gen.net' });
      if (!once.ok) return false;
      const twice = formatSource(once.text, { file: 'gen.net' });
      checked++;
      return (
        twice.ok && !twice.changed && twice.text === once.text &&
        !once.text.includes('\r') && !/[ \t]$/m.test(once.text) && once.text.endsWith('\n') && !once.text.includes('\n\n\n') &&
        JSON.stringify(tokensOf(once.text)) === JSON.stringify(tokensOf(source)) &&
        JSON.stringify(commentsOf(once.text)) === JSON.stringify(commentsOf(source)) &&
        JSON.stringify(irsOf(once.text, 'gen.net')) === JSON.stringify(irsOf(source, 'gen.net'))
      );
    }),
    { numRuns: 150, seed: 14 },
  );
  t.is(checked, 150);
});

test('the generated programs compile: the IR comparison compares networks, not two lists of errors', (t) => {
  const samples = fc.sample(laidOut, { numRuns: 30, seed: 5 });
  for (const source of samples) {
    const { irs, codes } = irsOf(source, 'gen.net') as { irs: unknown[]; codes: string[] };
    t.deepEqual(codes, [], source);
    t.is(irs.length, 2);
  }
});

/** The bench's fuzz set (bench/fuzz_cases.ts), as test/compiler/property.test.ts runs it, plus one 66,000-statement line. */
test('the seeded fuzz set: formatSource never throws, refuses with diagnostics or formats idempotently, each within 10 s', (t) => {
  const fixedSize = /^(literal\/1000000|line\/tokenize|strings\/|errors\/tokens-4MiB|errors\/too-large)/;
  const cases = [...hostileCases(12, 0.1).filter((c) => !fixedSize.test(c.name)), ...mutants(networkFiles().map((f) => ({ name: f, source: readText(f) })), 300, 12)];
  const failures: string[] = [];
  let formatted = 0;
  for (const c of cases) {
    const source = c.make();
    const started = performance.now();
    try {
      const once = formatSource(source, { file: 'f.net' });
      // A quadratic step (rescanning a long line per token) took 50 s on the 66,000-relu line.
      const ms = performance.now() - started;
      if (ms > 10_000) failures.push(`${c.name}: ${ms.toFixed(0)} ms`);
      if (!once.ok) {
        if (once.diagnostics.length === 0) failures.push(`${c.name}: refused without a diagnostic`);
        continue;
      }
      formatted++;
      const twice = formatSource(once.text, { file: 'f.net' });
      if (!twice.ok || twice.changed) failures.push(`${c.name}: not idempotent`);
      if (JSON.stringify(tokensOf(once.text)) !== JSON.stringify(tokensOf(source))) failures.push(`${c.name}: tokens changed`);
    } catch (error) {
      failures.push(`${c.name}: ${String(error).slice(0, 100)}`);
    }
  }
  t.true(formatted > 50, `only ${formatted} cases parsed`);
  t.deepEqual(failures, []);
});
