// The workspace's files for references and rename: every .net under the folders (not node_modules or dot folders),
// read from disk while not open; a change on disk (didChangeWatchedFiles) re-checks the open files that import it.
import test from 'ava';
import { utimesSync, writeFileSync } from 'node:fs';
import { WorkspaceFiles } from '../../lsp/workspace_files.js';
import { LspClient, positionOfText, uriOf, workspace } from '../helpers/lsp_client.js';

test('listFiles: every .net under the folders, sorted, skipping node_modules, dist and dot folders', (t) => {
  const root = workspace({ 'a.net': '', 'nets/b.net': '', 'nets/deep/c.net': '', 'notes.txt': '', 'node_modules/x/d.net': '', '.git/e.net': '', 'dist/f.net': '' });
  const files = new WorkspaceFiles(() => {});
  files.setFolders([root]);
  t.deepEqual(files.listFiles(), [`${root}/a.net`, `${root}/nets/b.net`, `${root}/nets/deep/c.net`]);
  writeFileSync(`${root}/nets/new.net`, '');
  files.invalidate(`${root}/nets/new.net`, true);
  t.true(files.listFiles().includes(`${root}/nets/new.net`), 'a created file is listed after its event');
});

test('readFile: the disk text, re-read when the file changes; undefined for a missing file or an untitled: URI', (t) => {
  const root = workspace({ 'a.net': 'network A {}\n' });
  const files = new WorkspaceFiles(() => {});
  t.is(files.readFile(`${root}/a.net`), 'network A {}\n');
  writeFileSync(`${root}/a.net`, 'network Longer {}\n');
  utimesSync(`${root}/a.net`, new Date(), new Date(Date.now() + 5_000));
  t.is(files.readFile(`${root}/a.net`), 'network Longer {}\n');
  t.is(files.readFile(`${root}/missing.net`), undefined);
  t.is(files.readFile('untitled:Untitled-1'), undefined);
});

const lib = 'block widen(c) {\n  conv(c, kernel: 1)\n}\n';
const main = 'import "lib.net"\nnetwork M {\n  input [3, 4, 4]\n  widen(8)\n  flatten\n  dense(10)\n}\n';
const other = 'import "lib.net"\nnetwork O {\n  input [3, 4, 4]\n  widen(2)\n  flatten\n  dense(10)\n}\n';

test('references and rename reach workspace files that no open file imports (listFiles)', async (t) => {
  const root = workspace({ 'lib.net': lib, 'main.net': main, 'sub/other.net': other.replace('"lib.net"', '"../lib.net"') });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const libUri = uriOf(`${root}/lib.net`);
  client.open(libUri, lib);
  await client.diagnostics(libUri);
  const refs = await client.request('textDocument/references', { textDocument: { uri: libUri }, position: positionOfText(lib, 'widen'), context: { includeDeclaration: false } });
  t.deepEqual(refs.map((r: { uri: string }) => r.uri).sort(), [uriOf(`${root}/main.net`), uriOf(`${root}/sub/other.net`)].sort());
  const edit = await client.request('textDocument/rename', { textDocument: { uri: libUri }, position: positionOfText(lib, 'widen'), newName: 'grow' });
  t.deepEqual(Object.keys(edit.changes).sort(), [libUri, uriOf(`${root}/main.net`), uriOf(`${root}/sub/other.net`)].sort());
  t.is(await client.stop(), 0);
});

test('an imported file changed on disk (not open) re-checks the open file that imports it, on didChangeWatchedFiles', async (t) => {
  const root = workspace({ 'lib.net': lib, 'main.net': main });
  const client = await LspClient.start({ rootPath: root, teardown: (f) => t.teardown(f) });
  const mainUri = uriOf(`${root}/main.net`);
  client.open(mainUri, main);
  t.deepEqual((await client.diagnostics(mainUri)).diagnostics, []);
  writeFileSync(`${root}/lib.net`, lib.replace('conv(c, kernel: 1)', 'conv(c, kernel: 1)\n  dense(c)'));
  const mark = client.publishes.length;
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(`${root}/lib.net`), type: 2 }] });
  const after = await client.diagnostics(mainUri, (p) => p.diagnostics.length > 0, { after: mark });
  t.is(after.diagnostics[0].code, 'NET3004');
  t.deepEqual(after.diagnostics[0].range.start, positionOfText(main, 'widen(8)'));
  t.is(await client.stop(), 0);
});

test('workspace folders added later are searched too (workspace/didChangeWorkspaceFolders)', async (t) => {
  const first = workspace({ 'lib.net': lib });
  const second = workspace({ 'main.net': main.replace('"lib.net"', `"${first}/lib.net"`) });
  const client = await LspClient.start({ rootPath: first, teardown: (f) => t.teardown(f) });
  const libUri = uriOf(`${first}/lib.net`);
  client.open(libUri, lib);
  await client.diagnostics(libUri);
  const ask = () => client.request('textDocument/references', { textDocument: { uri: libUri }, position: positionOfText(lib, 'widen'), context: { includeDeclaration: false } });
  t.deepEqual(await ask(), []);
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(second), name: 'second' }], removed: [] } });
  const refs = await ask();
  t.deepEqual(refs.map((r: { uri: string }) => r.uri), [uriOf(`${second}/main.net`)]);
  client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(second), name: 'second' }] } });
  t.deepEqual(await ask(), []);
  t.is(await client.stop(), 0);
});
