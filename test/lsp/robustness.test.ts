// A real `netc lsp` under abuse: malformed requests answer errors (or empty answers) and the server keeps serving;
// hostile files (binary garbage, 1 MB of `(`, deep nesting) get diagnostics and answers, never a crash or a hang;
// shutdown/exit follow the protocol (exit code 0 after shutdown, 1 without); stdout carries only the protocol.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LspClient, positionOfText, uriOf, workspace } from '../helpers/lsp_client.js';

const lenet = readFileSync('networks/lenet.net', 'utf8');
const whole = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

/** The JSON-RPC error code of a request that must fail. */
async function errorCode(promise: Promise<unknown>): Promise<number | string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: number }).code;
  }
  return 'answered';
}

test('malformed requests answer InvalidParams or MethodNotFound, unknown documents answer null; the server still answers after', async (t) => {
  const root = workspace({ 'lenet.net': lenet });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/lenet.net`);
  client.open(uri, lenet);
  const doc = { textDocument: { uri } };
  const InvalidParams = -32602;
  t.is(await errorCode(client.request('textDocument/hover', null)), InvalidParams);
  t.is(await errorCode(client.request('textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } })), InvalidParams);
  t.is(await errorCode(client.request('textDocument/hover', { ...doc, position: 'top' })), InvalidParams);
  t.is(await errorCode(client.request('textDocument/definition', { ...doc, position: { line: -3, character: 0 } })), InvalidParams);
  t.is(await errorCode(client.request('textDocument/inlayHint', doc)), InvalidParams);
  t.is(await errorCode(client.request('textDocument/codeAction', { ...doc, range: { start: 1, end: 2 }, context: { diagnostics: [] } })), InvalidParams);
  t.is(await errorCode(client.request('textDocument/rename', { ...doc, position: { line: 0, character: 0 }, newName: 7 })), InvalidParams);
  t.is(await errorCode(client.request('netc/frobnicate', {})), -32601);
  const elsewhere = { textDocument: { uri: uriOf(`${root}/never-opened.net`) }, position: { line: 0, character: 0 } };
  t.is(await client.request('textDocument/hover', elsewhere), null);
  t.is(await client.request('textDocument/completion', elsewhere), null);
  t.deepEqual(await client.request('textDocument/semanticTokens/full', elsewhere), { data: [] });
  // Notifications that make no sense are logged and dropped.
  client.notify('textDocument/didChange', { textDocument: { uri: uriOf(`${root}/ghost.net`), version: 2 }, contentChanges: [{ text: 'x' }] });
  client.notify('textDocument/didOpen', { textDocument: { uri: 'not a uri', languageId: 'net', version: 1, text: 'network' } });
  client.notify('textDocument/didOpen', null);
  // Positions past the end clamp (as the protocol says) and answer.
  const far = await client.request('textDocument/completion', { ...doc, position: { line: 9_999, character: 9_999 } });
  t.true(Array.isArray(far.items));
  const hover = await client.request('textDocument/hover', { ...doc, position: positionOfText(lenet, 'avgpool', 1) });
  t.regex(hover.contents.value, /output \*\*\[6, 14, 14\]\*\*/);
  t.true(client.logs.some((l) => /textDocument\/hover: position must be/.test(l.message)), 'the client was told why');
  t.is(await client.stop(), 0);
  t.is(client.stderr.join(''), '', 'nothing on stderr either: the log goes to the client');
});

const hostile: [string, string][] = [
  ['binary garbage', Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + (i >> 3)) % 256)).toString('latin1')],
  ['1 MB of (', '('.repeat(1 << 20)],
  ['5,000-deep nested calls', `network N {\n  input [1, 28, 28]\n  let x = ${'max('.repeat(5_000)}1${')'.repeat(5_000)}\n}\n`],
  ['2,000-deep nested braces', `network N {\n  input [1, 28, 28]\n${'  repeat 1 {\n'.repeat(2_000)}  relu\n${'}\n'.repeat(2_001)}`],
  ['40,000 lines of "', '"\n'.repeat(40_000)],
];

for (const [what, text] of hostile) {
  test(`a hostile file (${what}): diagnostics are published and every request answers`, async (t) => {
    const root = workspace({});
    const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
    const uri = uriOf(`${root}/hostile.net`);
    client.open(uri, text);
    const published = await client.diagnostics(uri, () => true, { timeoutMs: 60_000 });
    t.true(Array.isArray(published.diagnostics));
    const doc = { textDocument: { uri } };
    const position = { line: 1, character: 3 };
    const answers = await Promise.all([
      client.request('textDocument/hover', { ...doc, position }),
      client.request('textDocument/completion', { ...doc, position }),
      client.request('textDocument/definition', { ...doc, position }),
      client.request('textDocument/documentSymbol', doc),
      client.request('textDocument/semanticTokens/full', doc),
      client.request('textDocument/inlayHint', { ...doc, range: whole }),
      client.request('textDocument/codeAction', { ...doc, range: whole, context: { diagnostics: [] } }),
    ]);
    t.is(answers.length, 7);
    t.false(client.logs.some((l) => /a bug in netc/.test(l.message)), client.logs.map((l) => l.message).join('\n').slice(0, 1000));
    t.is(await client.stop(), 0);
  });
}

test('exit without shutdown exits 1; the client closing stdin exits 1; shutdown then exit exits 0', async (t) => {
  const rude = await LspClient.start({ teardown: (f) => t.teardown(f) });
  rude.notify('exit', null);
  t.is(await rude.exitCode(), 1);
  const gone = await LspClient.start({ teardown: (f) => t.teardown(f) });
  gone.child.stdin!.end();
  t.is(await gone.exitCode(), 1);
  const polite = await LspClient.start({ teardown: (f) => t.teardown(f) });
  t.is(await polite.stop(), 0);
});

test('plain `netc lsp` (no --stdio) serves on stdio too', async (t) => {
  const client = await LspClient.start({ args: [], teardown: (f) => t.teardown(f) });
  const uri = 'untitled:Untitled-1';
  client.open(uri, lenet);
  t.deepEqual((await client.diagnostics(uri)).diagnostics, []);
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: whole });
  t.is(hints[0].label, '[6, 28, 28]');
  t.is(await client.stop(), 0);
});

test('netc lsp refuses a FILE operand and two transports (usage errors, exit 2)', (t) => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/netc.js', 'lsp', ...args], { encoding: 'utf8', input: '' });
  const file = run('networks/lenet.net');
  t.is(file.status, 2);
  t.is(file.stderr, 'netc: netc lsp takes no FILE (the editor sends the files it opens); got networks/lenet.net\n');
  const two = run('--stdio', '--socket', '9000');
  t.is(two.status, 2);
  t.is(two.stderr, 'netc: netc lsp serves on one transport; given --stdio, --socket\n');
  t.is(two.stdout, '');
});
