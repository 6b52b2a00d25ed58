// Hover, definition, references, rename and the outline from a real `netc lsp --stdio`, across two files of a
// workspace folder (one open in the editor, one only on disk).
import test from 'ava';
import { applyTextEdits, LspClient, positionOfText, uriOf, workspace, type TextEdit } from '../helpers/lsp_client.js';

const lib = 'block widen(c) {\n  conv(c, kernel: 1)\n}\n';
const main = 'import "lib/blocks.net"\nnetwork M {\n  input [3, 4, 4]\n  widen(8)\n  widen(16)\n  flatten\n  dense(10)\n}\n';

async function twoFiles(t: import('ava').ExecutionContext, openLib: boolean) {
  const root = workspace({ 'lib/blocks.net': lib, 'main.net': main });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uris = { lib: uriOf(`${root}/lib/blocks.net`), main: uriOf(`${root}/main.net`) };
  client.open(uris.main, main);
  if (openLib) client.open(uris.lib, lib);
  await client.diagnostics(uris.main);
  return { root, client, uris };
}

test('hover over a conv inside a block gives its shape at each call site', async (t) => {
  const { client, uris } = await twoFiles(t, true);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: uris.lib }, position: positionOfText(lib, 'conv', 2) });
  t.is(hover.contents.kind, 'markdown');
  t.regex(hover.contents.value, /called 2 times: \[8, 4, 4\], \[16, 4, 4\]/);
  t.deepEqual(hover.range, { start: positionOfText(lib, 'conv'), end: positionOfText(lib, 'conv', 4) });
  t.is(await client.stop(), 0);
});

test('go to definition of a block imported from another file (not open): its name in that file; the import string: the file', async (t) => {
  const { client, uris } = await twoFiles(t, false);
  const definition = await client.request('textDocument/definition', { textDocument: { uri: uris.main }, position: positionOfText(main, 'widen(16)', 2) });
  t.deepEqual(definition, [{ uri: uris.lib, range: { start: positionOfText(lib, 'widen'), end: positionOfText(lib, 'widen', 5) } }]);
  const file = await client.request('textDocument/definition', { textDocument: { uri: uris.main }, position: positionOfText(main, 'lib/blocks', 3) });
  t.deepEqual(file, [{ uri: uris.lib, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  t.is(await client.stop(), 0);
});

test('references of a block: both calls and, when asked, the definition in the other file', async (t) => {
  const { client, uris } = await twoFiles(t, false);
  const at = { textDocument: { uri: uris.main }, position: positionOfText(main, 'widen(8)') };
  const calls = await client.request('textDocument/references', { ...at, context: { includeDeclaration: false } });
  const sorted = (ls: { uri: string; range: { start: { line: number } } }[]) => ls.map((l) => `${l.uri === uris.lib ? 'lib' : 'main'}:${l.range.start.line}`).sort();
  t.deepEqual(sorted(calls), ['main:3', 'main:4']);
  const all = await client.request('textDocument/references', { ...at, context: { includeDeclaration: true } });
  t.deepEqual(sorted(all), ['lib:0', 'main:3', 'main:4']);
  t.is(await client.stop(), 0);
});

test('rename a block across two files: prepareRename names it, the edits change both files, a collision is refused', async (t) => {
  const { client, uris } = await twoFiles(t, false);
  const at = { textDocument: { uri: uris.main }, position: positionOfText(main, 'widen(8)', 1) };
  const prepared = await client.request('textDocument/prepareRename', at);
  t.deepEqual(prepared, { range: { start: positionOfText(main, 'widen(8)'), end: positionOfText(main, 'widen(8)', 5) }, placeholder: 'widen' });
  const edit = await client.request<{ changes: Record<string, TextEdit[]> }>('textDocument/rename', { ...at, newName: 'expand' });
  t.deepEqual(Object.keys(edit.changes).sort(), [uris.lib, uris.main].sort());
  t.is(applyTextEdits(lib, edit.changes[uris.lib]), lib.replace('widen', 'expand'));
  t.is(applyTextEdits(main, edit.changes[uris.main]), main.replaceAll('widen', 'expand'));
  let refusal: { code: number; message: string } | undefined;
  await client.request('textDocument/rename', { ...at, newName: 'M' }).catch((e) => (refusal = e));
  t.is(refusal?.code, -32803, 'RequestFailed');
  t.regex(refusal!.message, /'M' is already defined/);
  let keyword: { message: string } | undefined;
  await client.request('textDocument/rename', { ...at, newName: 'network' }).catch((e) => (keyword = e));
  t.truthy(keyword, 'a keyword is refused');
  t.is(await client.stop(), 0);
});

test('document symbols: a hierarchical outline (network → labels and lets; block → parameters)', async (t) => {
  const text = 'block pair(c) {\n  conv(c, kernel: 3)\n}\nnetwork N(k = 2) {\n  input [1, 28, 28]\n  stem: pair(4)\n  let w = k * 2\n  flatten\n  dense(w)\n}\n';
  const root = workspace({ 'a.net': text });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/a.net`);
  client.open(uri, text);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  const outline = (ss: { name: string; kind: number; children?: unknown[] }[]): unknown[] => ss.map((s) => [s.name, s.kind, ...(s.children?.length ? [outline(s.children as never)] : [])]);
  // SymbolKind: Function 12, TypeParameter 26, Class 5, Field 8, Constant 14.
  t.deepEqual(outline(symbols), [['pair', 12, [['c', 26]]], ['N', 5, [['k', 26], ['stem', 8], ['w', 14]]]]);
  t.deepEqual(symbols[1].selectionRange, { start: positionOfText(text, 'N('), end: positionOfText(text, 'N(', 1) });
  t.deepEqual(symbols[1].range.end, { line: 9, character: 1 });
  t.is(await client.stop(), 0);
  // A client without hierarchical support gets the flat list, each entry naming its container.
  const flat = await LspClient.start({ rootPath: root, capabilities: {}, teardown: (f) => t.teardown(f) });
  flat.open(uri, text);
  const list = await flat.request('textDocument/documentSymbol', { textDocument: { uri } });
  t.deepEqual(list.map((s: { name: string; containerName?: string }) => `${s.containerName ?? ''}/${s.name}`), ['/pair', 'pair/c', '/N', 'N/k', 'N/stem', 'N/w']);
  t.is(await flat.stop(), 0);
});
