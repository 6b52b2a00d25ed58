// LineIndex: line:column in code points, \n, \r\n and a lone \r as line breaks, O(log n) per position.
import test from 'ava';
import { LineIndex } from '../../compiler/source_text.js';
import { prng } from '../../bench/fuzz_cases.js';

/** The reference: walk from the start, one code unit at a time. */
function naive(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < offset) continue; // the \r of \r\n: its \n ends the line
    if (c === 10 || c === 13) {
      line++;
      column = 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      if (i + 1 < offset) i++;
      column++;
    } else column++;
  }
  return { line, column };
}

test('positions match a walk from the start, over random text with CR, CRLF, LF, surrogate pairs and lone surrogates', (t) => {
  const random = prng(5);
  const pieces = ['a', 'b', ' ', '\n', '\r', '\r\n', '🎉', 'ü', '\ud800', '\udc00', '\t'];
  for (let run = 0; run < 200; run++) {
    let text = '';
    const length = Math.floor(random() * 60);
    while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      // An offset inside \r\n or inside a pair is not a place a token starts; skip those.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      if ((text.charCodeAt(offset) & 0xfc00) === 0xdc00 && (text.charCodeAt(offset - 1) & 0xfc00) === 0xd800) continue;
      t.deepEqual(index.position(offset), naive(text, offset), `${JSON.stringify(text)} @${offset}`);
    }
  }
});

test('an offset past the end (or not a number) is the end of the file', (t) => {
  const index = new LineIndex('ab\ncd');
  t.deepEqual(index.position(99), { line: 2, column: 3 });
  t.deepEqual(index.position(Number.NaN), { line: 2, column: 3 });
  t.deepEqual(index.position(-4), { line: 1, column: 1 });
});

test('lineText drops \n, \r\n or \r; a CR-only file has its lines', (t) => {
  const index = new LineIndex('one\rtwo\r\nthree\nfour');
  t.deepEqual([1, 2, 3, 4].map((l) => index.lineText(l)), ['one', 'two', 'three', 'four']);
  t.is(index.lineCount, 4);
});

test('200,000 positions on one 1 MB line take well under a second (no per-call walk from the line start)', (t) => {
  const text = 'relu; 🎉 '.repeat(125_000);
  const index = new LineIndex(text);
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += index.position(text.length - i * 5).column;
  const ms = performance.now() - started;
  t.true(sum > 0);
  t.true(ms < 1000, `${ms} ms`);
});
