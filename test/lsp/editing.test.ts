// Completion, inlay hints, semantic tokens, code actions and formatting from a real `netc lsp --stdio`.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { formatSource } from '../../compiler/format.js';
import { semanticTokenLegend } from '../../compiler/services/index.js';
import { applyTextEdits, LspClient, positionOfText, uriOf, workspace, type Publish, type TextEdit } from '../helpers/lsp_client.js';

const lenet = readFileSync('networks/lenet.net', 'utf8');
const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

async function opened(t: import('ava').ExecutionContext, text: string, capabilities?: object) {
  const root = workspace({ 'f.net': text });
  const client = await LspClient.start({ rootPath: root, capabilities, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/f.net`);
  client.open(uri, text);
  const published = await client.diagnostics(uri);
  return { client, uri, published, doc: { textDocument: { uri } } };
}

test('completion after `conv(` lists kernel, stride, pad… as arguments that insert `name: `', async (t) => {
  const text = 'network N {\n  input [1, 28, 28]\n  conv(\n}\n';
  const { client, doc } = await opened(t, text);
  const list = await client.request('textDocument/completion', { ...doc, position: positionOfText(text, 'conv(', 5) });
  const labels = list.items.map((i: { label: string }) => i.label);
  for (const name of ['channels', 'kernel', 'stride', 'pad']) t.true(labels.includes(name), name);
  const kernel = list.items.find((i: { label: string }) => i.label === 'kernel');
  t.is(kernel.kind, 10, 'CompletionItemKind.Property');
  t.deepEqual(kernel.textEdit, { range: { start: positionOfText(text, 'conv(', 5), end: positionOfText(text, 'conv(', 5) }, newText: 'kernel: ' });
  t.is(await client.stop(), 0);
});

test('completion of a layer at a statement start: a snippet of its required arguments (plain name without snippet support)', async (t) => {
  const text = 'network N {\n  input [1, 28, 28]\n  co\n}\n';
  const at = positionOfText(text, '  co\n', 4);
  const item = async (capabilities?: object) => {
    const { client, doc } = await opened(t, text, capabilities);
    const list = await client.request('textDocument/completion', { ...doc, position: at });
    t.is(await client.stop(), 0);
    return list.items.find((i: { label: string }) => i.label === 'conv');
  };
  const snippet = await item();
  t.is(snippet.kind, 3, 'CompletionItemKind.Function');
  t.is(snippet.insertTextFormat, 2);
  t.deepEqual(snippet.textEdit, { range: { start: positionOfText(text, '  co\n', 2), end: at }, newText: 'conv(${1:channels}, kernel: ${2:kernel})$0' });
  const plain = await item({});
  t.is(plain.textEdit.newText, 'conv');
  t.is(plain.insertTextFormat, undefined);
});

test("inlay hints on LeNet give D2L's shapes at the ends of the layer lines; a range asks for its lines only", async (t) => {
  const { client, doc } = await opened(t, lenet);
  const hints = await client.request('textDocument/inlayHint', { ...doc, range: whole });
  t.deepEqual(hints.map((h: { label: string }) => h.label), ['[6, 28, 28]', '[6, 14, 14]', '[16, 10, 10]', '[16, 5, 5]', '[400]', '[120]', '[84]', '[10]']);
  const lines = lenet.split('\n');
  for (const h of hints) t.is(h.position.character, lines[h.position.line].trimEnd().length, `line ${h.position.line}: at its end`);
  t.deepEqual(hints[0].position, { line: 4, character: lines[4].length });
  t.is(hints[0].kind, 1, 'InlayHintKind.Type');
  const some = await client.request('textDocument/inlayHint', { ...doc, range: { start: { line: 5, character: 0 }, end: { line: 6, character: 999 } } });
  t.deepEqual(some.map((h: { label: string }) => h.label), ['[6, 14, 14]', '[16, 10, 10]']);
  t.is(await client.stop(), 0);
});

test('semantic tokens decode (relative encoding, the legend) to the types and modifiers of each word', async (t) => {
  const text = 'block pair(c) {\n  conv(c, kernel: 3)\n}\nnetwork N {\n  input [1, 28, 28]\n  stem: pair(4)\n  flatten # flat\n  dense(10)\n}\n';
  const { client, doc } = await opened(t, text);
  const init = await LspClient.start({ teardown: (f) => t.teardown(f) }).then(async (c) => {
    const r = await c.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    await c.stop();
    return r;
  });
  t.deepEqual(init.capabilities.semanticTokensProvider.legend, { tokenTypes: [...semanticTokenLegend.types], tokenModifiers: [...semanticTokenLegend.modifiers] });
  const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', doc);
  t.is(data.length % 5, 0);
  const lines = text.split('\n');
  const decoded: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = semanticTokenLegend.modifiers.filter((_, b) => data[i + 4] & (1 << b));
    decoded.push(`${lines[line].slice(char, char + data[i + 2])}:${semanticTokenLegend.types[data[i + 3]]}${mods.map((m) => `+${m}`).join('')}`);
  }
  for (const expected of ['block:keyword', 'pair:class+declaration', 'conv:function+defaultLibrary', 'kernel:property', '3:number', 'N:namespace+declaration', 'stem:label+declaration', 'pair:class', '# flat:comment']) {
    t.true(decoded.includes(expected), `${expected} in ${decoded.join(' ')}`);
  }
  t.is(await client.stop(), 0);
});

test("the code action for NET3004 inserts 'flatten', linked to its diagnostic; the fixed file checks clean", async (t) => {
  const text = 'network N {\n  input [1, 28, 28]\n  conv(6, kernel: 5)\n  dense(10)\n}\n';
  const { client, doc, uri, published } = await opened(t, text);
  const [d] = published.diagnostics;
  t.is(d.code, 'NET3004');
  const actions = await client.request('textDocument/codeAction', { ...doc, range: d.range, context: { diagnostics: [d] } });
  type Action = { title: string; kind: string; isPreferred?: boolean; diagnostics?: Publish['diagnostics']; edit: { changes: Record<string, TextEdit[]> } };
  const fixes = (actions as Action[]).filter((a) => a.diagnostics?.[0]?.code === 'NET3004');
  t.true(fixes.length >= 1);
  const fix = fixes.find((a) => a.isPreferred)!;
  t.is(fix.kind, 'quickfix');
  t.regex(fix.title, /flatten/);
  const fixed = applyTextEdits(text, fix.edit.changes[uri]);
  t.is(fixed, text.replace('  dense', '  flatten\n  dense'));
  const version = client.change(uri, fixed);
  t.deepEqual((await client.diagnostics(uri, (p) => p.version === version)).diagnostics, []);
  const onlyRefactors = await client.request('textDocument/codeAction', { ...doc, range: d.range, context: { diagnostics: [d], only: ['refactor'] } });
  t.deepEqual(onlyRefactors, [], 'a client asking only for refactors gets no quick fix');
  t.is(await client.stop(), 0);
});

test('formatting returns the edits netc fmt would make: applied, the text is formatSource(text), and only changed lines are touched', async (t) => {
  const messy = lenet.replace('  conv(6, kernel: 5, pad: 2); sigmoid', 'conv( 6,kernel:5 , pad:2 ) ;sigmoid').replace('  flatten', '      flatten').replace('dense(84)', 'dense( 84 )');
  const expected = formatSource(messy, { file: 'f.net' });
  if (!expected.ok) return t.fail('the messy LeNet parses');
  t.is(expected.text, lenet, 'netc fmt restores LeNet');
  const { client, doc } = await opened(t, messy);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { ...doc, options: { tabSize: 8, insertSpaces: false } });
  t.is(applyTextEdits(messy, edits), expected.text);
  t.is(edits.length, 3, 'one edit per changed line');
  t.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri: uriOf('/nowhere/x.net') }, options: { tabSize: 2, insertSpaces: true } }), null);
  t.is(await client.stop(), 0);
});

test('formatting a file with syntax errors answers no edits: an error naming the first one', async (t) => {
  const broken = 'network N {\n  input [1, 28, 28]\n  conv(6, kernel: )\n}\n';
  const { client, doc } = await opened(t, broken);
  let error: { code: number; message: string } | undefined;
  await client.request('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }).catch((e) => (error = e));
  t.is(error?.code, -32803);
  t.regex(error!.message, /^netc fmt: not formatted, the file has syntax errors: .*f\.net:3:\d+: /);
  t.is(await client.stop(), 0);
});
