// The lexer and parser on long inputs: one long line is linear, operator chains never overflow the parser's stack.
import test from 'ava';
import { tokenize, parse, check } from '../../compiler/compile.js';

test('tokenize() of 400 KB on one line is fast and positions are right at the far end', (t) => {
  const source = 'relu; '.repeat(68_000);
  const started = performance.now();
  const { tokens } = tokenize(source);
  const ms = performance.now() - started;
  t.is(tokens.length, 136_000);
  t.deepEqual(tokens.at(-1), { type: 'Semicolon', image: ';', line: 1, column: source.length - 1 });
  t.true(ms < 5000, `${ms} ms`);
});

test('66,000 relu; on one line (396 KB, valid) checks clean, fast', (t) => {
  const source = `network N {\n  input [4]\n  ${'relu;'.repeat(66_000)}\n}\n`;
  const started = performance.now();
  const { diagnostics, irs } = check(source);
  const ms = performance.now() - started;
  t.deepEqual(diagnostics, []);
  t.is(irs[0].nodes.length, 66_001);
  t.is(irs[0].nodes.at(-1)!.source.column, 3 + 5 * 65_999);
  t.true(ms < 10_000, `${ms} ms`);
});

test('parse() alone: prefix, postfix, conditional and else-if chains are diagnostics, not stack overflows', (t) => {
  const net = (s: string) => `network N {\n  input [1]\n  ${s}\n}\n`;
  const cases: [string, string][] = [
    [net(`let a = ${'not\n'.repeat(20_000)}true`), 'NET4021'],
    [net(`let a = ${'-\n'.repeat(20_000)}1`), 'NET4021'],
    [net(`let a = [0]${'[0]'.repeat(20_000)}`), 'NET4021'],
    [net(`let a = ${'if true then 1 else\n'.repeat(20_000)}1`), 'NET4021'],
    [net(`let a = ${Array(20_000).fill('1').join('\n+ ')}`), 'NET4021'],
    [net('if false { relu }' + '\nelse if false { relu }'.repeat(20_000)), 'NET4903'],
    [net('('.repeat(20_000)), 'NET4903'],
  ];
  for (const [source, code] of cases) {
    let codes: string[] = [];
    t.notThrows(() => (codes = parse(source).diagnostics.map((d) => d.code)), source.slice(24, 40));
    t.deepEqual(codes, [code], source.slice(24, 40));
  }
});
