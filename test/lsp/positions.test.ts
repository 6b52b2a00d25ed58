// lsp/positions: LSP positions count UTF-16 units per line; a malformed one is the client's error.
import test from 'ava';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { checkedPosition, checkedRange, positionsOf, rangeOf } from '../../lsp/positions.js';

test('positions: UTF-16 characters (an emoji is two), \\r\\n and \\r end lines, offsets round-trip', (t) => {
  const text = 'a🙂b\r\nsecond\rthird é\n';
  const p = positionsOf(text);
  t.deepEqual(p.positionAt(text.indexOf('b')), { line: 0, character: 3 });
  t.deepEqual(p.positionAt(text.indexOf('second')), { line: 1, character: 0 });
  t.deepEqual(p.positionAt(text.indexOf('é')), { line: 2, character: 6 });
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // between \r and \n is no position
    t.is(p.offsetAt(p.positionAt(offset)), offset, `offset ${offset}`);
  }
  t.deepEqual(rangeOf(p, 0, 3), { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
});

test('positions past a line end clamp to it, past the last line to the end of the text', (t) => {
  const p = positionsOf('ab\ncd');
  t.is(p.offsetAt({ line: 0, character: 99 }), 2);
  t.is(p.offsetAt({ line: 7, character: 0 }), 5);
});

test('a malformed position or range is the client error InvalidParams, naming what was wrong', (t) => {
  for (const bad of [undefined, null, 3, 'x', {}, { line: -1, character: 0 }, { line: 1.5, character: 0 }, { line: 0, character: '2' }]) {
    const error = t.throws(() => checkedPosition(bad), { instanceOf: ResponseError })!;
    t.is((error as ResponseError<void>).code, ErrorCodes.InvalidParams);
    t.regex(error.message, /^position must be \{ line, character \}/);
  }
  t.regex(t.throws(() => checkedRange({ start: { line: 0, character: 0 } }))!.message, /^range\.end must be/);
  t.deepEqual(checkedPosition({ line: 2, character: 0 }), { line: 2, character: 0 });
});
