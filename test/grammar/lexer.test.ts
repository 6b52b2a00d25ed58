// Tokens: keywords vs names, numbers vs ranges, comments, strings, and Unicode-safe positions.
import test from 'ava';
import { tokenize } from '../../compiler/compile.js';

const types = (source: string) => tokenize(source).tokens.map((t) => t.type);

test('keywords are distinct from names that start with them', (t) => {
  t.deepEqual(types('input inputs in index network networks'), ['Input', 'Identifier', 'In', 'Identifier', 'Network', 'Identifier']);
});

test('0..N lexes as a range, 0.5 as a float, 1e-5 as a float', (t) => {
  t.deepEqual(types('0..N'), ['Integer', 'DotDot', 'Identifier']);
  t.deepEqual(types('0.5 1e-5 2.5e3 7'), ['Float', 'Float', 'Float', 'Integer']);
});

test('// is integer division; # starts a comment', (t) => {
  t.deepEqual(types('a // b # a comment with // and "quotes"\nc'), ['Identifier', 'SlashSlash', 'Identifier', 'Identifier']);
});

test('comparison and punctuation tokens', (t) => {
  t.deepEqual(types('== != <= >= < > = : ; , . ( ) [ ] { } + - * / %'), [
    'EqualEqual', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater', 'Equals', 'Colon', 'Semicolon', 'Comma', 'Dot',
    'LParen', 'RParen', 'LBracket', 'RBracket', 'LBrace', 'RBrace', 'Plus', 'Minus', 'Star', 'Slash', 'Percent',
  ]);
});

test('positions count code points: Unicode in comments and strings does not shift columns', (t) => {
  const { tokens } = tokenize('# ünïcödé 🎉 comment\nimport "ڤ🎉.net" conv');
  t.deepEqual(tokens.map((x) => [x.image, x.line, x.column]), [['import', 2, 1], ['"ڤ🎉.net"', 2, 8], ['conv', 2, 17]]);
});

test('an unexpected character is NET1002 at its position, and lexing continues', (t) => {
  const { tokens, diagnostics } = tokenize('conv $ relu @');
  t.deepEqual(diagnostics.map((d) => [d.code, d.line, d.column]), [['NET1002', 1, 6], ['NET1002', 1, 13]]);
  t.deepEqual(tokens.map((x) => x.image), ['conv', 'relu']);
});

test('an unterminated string is NET1003', (t) => {
  t.deepEqual(tokenize('import "lib.net\nnetwork').diagnostics.map((d) => d.code), ['NET1003']);
});
