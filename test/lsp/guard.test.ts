// lsp/guard: a handler's exception becomes an error answer and a log line, never a dead server.
import test from 'ava';
import { ErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver';
import { guarded, guardedNotification } from '../../lsp/guard.js';

function recordingConsole() {
  const lines: string[] = [];
  const console = { error: (m: string) => lines.push(`error ${m}`), warn: (m: string) => lines.push(`warn ${m}`), info: () => {}, log: () => {} } as unknown as RemoteConsole;
  return { console, lines };
}

test('a bug inside a handler answers InternalError naming the method, and logs its stack', (t) => {
  const { console, lines } = recordingConsole();
  const handler = guarded(console, 'textDocument/hover', () => {
    throw new TypeError('x is undefined');
  });
  const answer = handler({});
  t.true(answer instanceof ResponseError);
  t.is((answer as ResponseError<void>).code, ErrorCodes.InternalError);
  t.is((answer as ResponseError<void>).message, 'netc: textDocument/hover failed: x is undefined');
  t.regex(lines[0], /^error netc lsp: textDocument\/hover failed \(a bug in netc\): TypeError: x is undefined\n\s+at /);
});

test("a client's mistake (a ResponseError) is answered as thrown and logged as a warning; answers pass through", (t) => {
  const { console, lines } = recordingConsole();
  const refusal = new ResponseError(ErrorCodes.InvalidParams, 'params.textDocument.uri must be a string');
  t.is(guarded(console, 'textDocument/definition', () => { throw refusal; })({}), refusal);
  t.deepEqual(lines, ['warn netc lsp: textDocument/definition: params.textDocument.uri must be a string']);
  t.deepEqual(guarded(console, 'x', (p: { n: number }) => p.n * 2)({ n: 21 }), 42);
});

test('a failing notification handler is logged, and returns', (t) => {
  const { console, lines } = recordingConsole();
  t.notThrows(() => guardedNotification(console, 'textDocument/didChange', () => { throw new Error('bad change'); })({}));
  t.regex(lines[0], /^error netc lsp: textDocument\/didChange failed: Error: bad change/);
});
