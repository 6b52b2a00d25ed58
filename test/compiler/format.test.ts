// formatSource: the canonical layout rule by rule, every network already in it, refusal on syntax errors.
import test from 'ava';
import { formatSource } from '../../compiler/format.js';
import { networkFiles, readText } from '../helpers/files.js';
import { commentsOf, irsOf, tokensOf } from './format_helpers.js';

/** The formatted text, failing the test (with the diagnostics) when formatSource refuses. */
function fmt(source: string): string {
  const result = formatSource(source);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return result.text;
}

for (const file of networkFiles()) {
  test(`${file} is formatted (npm run fmt), and formatting keeps its tokens, comments and IR`, (t) => {
    const source = readText(file);
    const result = formatSource(source, { file });
    if (!result.ok) return t.fail(result.diagnostics.map((d) => d.message).join('\n'));
    t.false(result.changed, `${file} is not in the canonical layout: run netc fmt ${file}`);
    // An unformatted copy (no indentation, odd spacing outside comments, CRLF, trailing and extra blank lines) comes back as the file.
    const messy = source
      .split('\n')
      .map((line) => (line.includes('#') ? line.trimStart() : line.trimStart().replace(/, /g, ' ,  ').replace(/: /g, ':').replace(/\(/g, ' ( ')))
      .join(' \r\n')
      .replace(/ \r\n \r\n/g, '\r\n\r\n\t\r\n\r\n');
    const restored = fmt(messy);
    t.is(restored, source);
    t.deepEqual(tokensOf(restored), tokensOf(source));
    t.deepEqual(commentsOf(messy), commentsOf(source));
    t.deepEqual(irsOf(messy, file), irsOf(source, file));
  });
}

test('spacing: around = and binary operators, after : and commas, none inside brackets or before a call’s (', (t) => {
  t.is(
    fmt('network N(a=1,b = [ 2,3 ]) {\n  input [1,8,8]\n  conv( a*2+b[0] ,kernel:3,pad : -1+2)\n  dense(max( a ,2) // 2)\n}\n'),
    'network N(a = 1, b = [2, 3]) {\n  input [1, 8, 8]\n  conv(a * 2 + b[0], kernel: 3, pad: -1 + 2)\n  dense(max(a, 2) // 2)\n}\n',
  );
});

test('member access, ranges, labels and label templates are written without spaces', (t) => {
  const source = 'block b() {\n  repeat i in 0 .. 2 { layer{ i + 1 }_{i}: conv(in . channels) }\n  x : relu\n}\n';
  t.is(fmt(source), 'block b() {\n  repeat i in 0..2 { layer{i + 1}_{i}: conv(in.channels) }\n  x: relu\n}\n');
});

test('indentation is two spaces per open body, whatever the input used', (t) => {
  t.is(
    fmt('network N {\n\tinput [1]\n        residual {\n relu\n\t\t}\n}\n'),
    'network N {\n  input [1]\n  residual {\n    relu\n  }\n}\n',
  );
});

test('the author’s line structure stays: one-line bodies and `;`-separated statements are kept', (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  residual { conv(1, kernel: 1); relu }\n  relu; relu\n}\n';
  t.is(fmt(source), source);
  t.is(fmt('network N {input [1];relu ;relu}'), 'network N { input [1]; relu; relu }\n');
});

test('an argument list broken over lines keeps its breaks, indented one level more', (t) => {
  const source = 'network N {\n  input [1, 8, 8]\n  conv(4,\n          kernel: 3,\n pad: 1)\n  let a = [\n[1, 2],\n      [3, 4]\n]\n}\n';
  t.is(fmt(source), 'network N {\n  input [1, 8, 8]\n  conv(4,\n    kernel: 3,\n    pad: 1)\n  let a = [\n    [1, 2],\n    [3, 4]\n  ]\n}\n');
});

test('blank lines: at most one in a row, none at the start or end of a body or the file', (t) => {
  t.is(
    fmt('\n\n# top\n\n\n\nnetwork N {\n\n\n  input [1]\n\n\n\n  relu\n\n}\n\n\n'),
    '# top\n\nnetwork N {\n  input [1]\n\n  relu\n}\n',
  );
});

test('CRLF becomes LF, trailing white space goes, the file ends in one newline', (t) => {
  t.is(fmt('network N {   \r\n  input [1]\t\r\n  relu # done   \r\n}'), 'network N {\n  input [1]\n  relu # done\n}\n');
});

test('comments: own-line ones take the indentation of their place, trailing ones one space after the code', (t) => {
  t.is(
    fmt('# a\nnetwork N {      # b\n# c\n  input [1]\n      # d\n  relu     # e\n        # f\n}\n# g'),
    '# a\nnetwork N { # b\n  # c\n  input [1]\n  # d\n  relu # e\n  # f\n}\n# g\n',
  );
});

test('trailing comments on consecutive lines are aligned one space after the longest code', (t) => {
  t.is(
    fmt('network N {\n  input [1] # the input\n  dense(10) # ten\n  relu #r\n\n  flatten #alone\n}\n'),
    'network N {\n  input [1] # the input\n  dense(10) # ten\n  relu      #r\n\n  flatten #alone\n}\n',
  );
});

test('directives keep their paths glued and a space before their options', (t) => {
  t.is(
    fmt('network B { input [1]\n  stem: relu\n  head: dense(2) }\nnetwork D extends B( ) {\n  freeze stem , stage*.0\n  train head(lr:10)\n}\n'),
    'network B { input [1]\n  stem: relu\n  head: dense(2) }\nnetwork D extends B() {\n  freeze stem, stage*.0\n  train head (lr: 10)\n}\n',
  );
});

test('else and shortcut on their own line stay at the statement’s depth; other continuations indent', (t) => {
  t.is(
    fmt('block b(c) {\n  if c > 1 { relu }\n  else { sigmoid }\n  let x = c +\n  1\n}\n'),
    'block b(c) {\n  if c > 1 { relu }\n  else { sigmoid }\n  let x = c +\n    1\n}\n',
  );
});

test('formatting is idempotent on its own output and says whether anything changed', (t) => {
  const once = formatSource('network N{input [1] ;relu}');
  t.true(once.ok && once.changed);
  const twice = formatSource(once.ok ? once.text : '');
  t.deepEqual(twice, { ok: true, text: 'network N { input [1]; relu }\n', changed: false });
});

test('an empty file and a file of comments only are formatted too', (t) => {
  t.is(fmt(''), '');
  t.is(fmt('  # only a comment  \n\n\n# and another'), '# only a comment\n\n# and another\n');
});

test('a file with syntax errors is refused with the parser’s diagnostics, positioned in the file', (t) => {
  const result = formatSource('network N {\n  conv(6, kernel: 5\n  relu\n}\n', { file: 'bad.net' });
  if (result.ok) return t.fail('a syntax error was formatted');
  t.true(result.diagnostics.length > 0);
  t.true(result.diagnostics.every((d) => d.code.startsWith('NET1') && d.file === 'bad.net'));
  t.is(result.diagnostics[0].line, 2);
  const lexical = formatSource('network N { input [1] ; relu ! }');
  t.false(lexical.ok);
});

test('a name error is not a syntax error: the formatter formats what it can parse', (t) => {
  t.is(fmt('network N{input [1];nosuchlayer}'), 'network N { input [1]; nosuchlayer }\n');
});

test('docs/language.md’s Formatting example: its "before" block formats to its "after" block', (t) => {
  const doc = readText('docs/language.md');
  const block = (title: string) => new RegExp('```\\n# ' + title + '\\n([^`]*)```').exec(doc)?.[1];
  const [before, after] = [block('before'), block('after')];
  if (before === undefined || after === undefined) return t.fail('the Formatting section lost its example');
  t.not(before, after);
  t.is(fmt(before), after);
});
