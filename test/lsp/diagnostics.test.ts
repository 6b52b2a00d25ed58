// publishDiagnostics from a real `netc lsp --stdio`: ranges, codes, the block call chain as related information,
// clearing after a fix, importers republished, and one check after an edit storm.
import test from 'ava';
import { LspClient, positionOf, positionOfText, uriOf, workspace } from '../helpers/lsp_client.js';

const imageDense = 'network N {\n  input [1, 28, 28]\n  conv(6, kernel: 5)\n  dense(10)\n}\n';

test('a shape error is published at its range with its code; fixing it publishes an empty list for the new version', async (t) => {
  const root = workspace({ 'n.net': imageDense });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/n.net`);
  client.open(uri, imageDense);
  const first = await client.diagnostics(uri);
  t.is(first.version, 1);
  t.is(first.diagnostics.length, 1);
  const [d] = first.diagnostics;
  t.is(d.code, 'NET3004');
  t.is(d.severity, 1);
  t.is(d.source, 'netc');
  t.deepEqual(d.range, { start: positionOfText(imageDense, 'dense'), end: positionOfText(imageDense, 'dense(10)', 'dense(10)'.length) });
  t.deepEqual(d.range.start, { line: 3, character: 2 });
  t.is(d.message, "'dense' needs a flat [features] input, got [6, 24, 24]\nhint: add 'flatten' (or 'global_avgpool; flatten') before it");
  const fixed = imageDense.replace('  dense', '  flatten\n  dense');
  const version = client.change(uri, fixed);
  const after = await client.diagnostics(uri, (p) => p.version === version);
  t.deepEqual(after.diagnostics, []);
  t.is(await client.stop(), 0);
});

test('an error inside a block carries the call chain as related information (the call site in the network)', async (t) => {
  const text = 'block head(c) {\n  conv(c, kernel: 3)\n  dense(c)\n}\nnetwork N {\n  input [1, 28, 28]\n  head(4)\n}\n';
  const root = workspace({ 'b.net': text });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/b.net`);
  client.open(uri, text);
  const [d] = (await client.diagnostics(uri)).diagnostics;
  t.is(d.code, 'NET3004');
  t.deepEqual(d.range.start, positionOfText(text, 'dense'));
  t.deepEqual(d.relatedInformation, [{ location: { uri, range: { start: positionOfText(text, 'head(4)'), end: positionOfText(text, 'head(4)', 4) } }, message: 'in block head, called at' }]);
  t.is(await client.stop(), 0);
});

test('editing an imported file republishes the open file that imports it; the error shows in both, then clears', async (t) => {
  const lib = 'block pair(c) {\n  conv(c, kernel: 3, pad: 1)\n  conv(c, kernel: 3, pad: 1)\n}\n';
  const main = 'import "lib.net"\nnetwork M {\n  input [3, 8, 8]\n  pair(4)\n  flatten\n  dense(10)\n}\n';
  const root = workspace({ 'lib.net': lib, 'main.net': main });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const [libUri, mainUri] = [uriOf(`${root}/lib.net`), uriOf(`${root}/main.net`)];
  client.open(libUri, lib);
  client.open(mainUri, main);
  t.deepEqual((await client.diagnostics(mainUri)).diagnostics, []);
  const mark = client.publishes.length;
  // The block's second conv becomes a dense: a shape error only a call (in main.net) finds, at the call's chain.
  const broken = lib.replace('conv(c, kernel: 3, pad: 1)\n}', 'dense(c)\n}');
  client.change(libUri, broken);
  const inMain = await client.diagnostics(mainUri, (p) => p.diagnostics.length > 0, { after: mark });
  t.is(inMain.diagnostics.length, 1);
  t.is(inMain.diagnostics[0].code, 'NET3004');
  t.true(inMain.diagnostics[0].message.startsWith(`${root}/lib.net:3:3: 'dense' needs a flat`), inMain.diagnostics[0].message);
  t.deepEqual(inMain.diagnostics[0].range.start, positionOfText(main, 'pair(4)'), 'at the call that leads there');
  t.deepEqual(inMain.diagnostics[0].relatedInformation?.[0].location, { uri: libUri, range: { start: positionOfText(broken, 'dense'), end: positionOfText(broken, 'dense(c)', 8) } }, 'the error itself is related');
  const inLib = await client.diagnostics(libUri, (p) => p.diagnostics.length > 0, { after: mark });
  t.deepEqual(inLib.diagnostics[0].range.start, positionOfText(broken, 'dense'));
  // An error with no call chain (a bad argument) shows at the import statement.
  const badArgument = lib.replace('kernel: 3, pad: 1)\n}', 'kernel: 3, pad: 1, colour: 2)\n}');
  const argMark = client.publishes.length;
  client.change(libUri, badArgument);
  const atImport = await client.diagnostics(mainUri, (p) => p.diagnostics.length > 0 && p.diagnostics[0].code !== 'NET3004', { after: argMark });
  t.deepEqual(atImport.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'import "lib.net"'.length } });
  const fixedMark = client.publishes.length;
  client.change(libUri, lib);
  await client.diagnostics(mainUri, (p) => p.diagnostics.length === 0, { after: fixedMark });
  await client.diagnostics(libUri, (p) => p.diagnostics.length === 0, { after: fixedMark });
  t.is(await client.stop(), 0);
});

test('an edit storm (50 changes in a row) is checked once, for the last version; requests answer from the latest text', async (t) => {
  const root = workspace({});
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/storm.net`);
  let text = 'network S {\n  input [1, 28, 28]\n  flatten\n}\n';
  client.open(uri, text);
  await client.diagnostics(uri);
  const mark = client.publishes.length;
  let version = 1;
  for (let i = 0; i < 50; i++) {
    // Typing `dense(10);` five times, one character at a time, at the end of the body (the texts that end mid-call do not parse).
    const at = text.lastIndexOf('}');
    const char = 'dense(10);'[i % 10];
    version = client.change(uri, char, { start: positionOf(text, at), end: positionOf(text, at) });
    text = text.slice(0, at) + char + text.slice(at);
  }
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: positionOfText(text, 'dense', 0, 4) });
  t.regex(hover.contents.value, /^\*\*dense\*\*[^]*output \*\*\[10\]\*\*/, 'the hover sees the 50th edit at once');
  const last = await client.diagnostics(uri, (p) => p.version === version, { after: mark });
  t.is(last.version, 51);
  t.deepEqual(last.diagnostics, [], 'the last text checks clean');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const during = client.publishes.slice(mark).filter((p) => p.uri === uri);
  t.true(during.length <= 2, `${during.length} publishes for 50 edits`);
  t.is(during[during.length - 1].version, 51);
  t.is(await client.stop(), 0);
});

test('closing a file clears its diagnostics', async (t) => {
  const root = workspace({});
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const uri = uriOf(`${root}/c.net`);
  client.open(uri, imageDense);
  t.is((await client.diagnostics(uri)).diagnostics.length, 1);
  const mark = client.publishes.length;
  client.close(uri);
  t.deepEqual((await client.diagnostics(uri, () => true, { after: mark })).diagnostics, []);
  t.is(await client.stop(), 0);
});
