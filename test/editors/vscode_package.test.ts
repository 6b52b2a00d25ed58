// `npm run package:vscode` end to end: the extension type-checks, bundles and packs offline into a .vsix that
// holds the manifest, the bundled client, the grammars and the language configuration (and no sources); the
// bundle, unpacked alone, loads in Node against a fake `vscode` and finds the server the documented way —
// netc.server.path, the workspace's node_modules (or netc's checkout), then PATH — and starts it as
// `… lsp --stdio`, or says clearly that there is none.
import test from 'ava';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageVscode, type PackagedExtension } from '../../scripts/package_vscode.js';
import { installFakeVscode, resetState, state } from './fake_vscode.js';
import { zipEntries, zipRead } from './zip_entries.js';

interface Extension {
  activate(context: { subscriptions: { dispose(): unknown }[] }): Promise<void>;
  deactivate(): Promise<void>;
  findServer(): { command: string; args: string[]; source: string } | { error: string };
}

const work = mkdtempSync(join(tmpdir(), 'netc-vscode-'));
let packaged: PackagedExtension;
let zip: Buffer;
let extension: Extension;

test.before(async () => {
  packaged = await packageVscode(work);
  zip = readFileSync(packaged.vsix);
  // The bundle exactly as packed, unpacked where no node_modules can be found: it must need only `vscode`.
  const unpacked = join(work, 'unpacked');
  for (const entry of zipEntries(zip)) {
    const file = join(unpacked, entry.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, zipRead(zip, entry));
  }
  installFakeVscode();
  extension = createRequire(import.meta.url)(join(unpacked, 'extension', 'dist', 'extension.js')) as Extension;
});

test.after.always(() => rmSync(work, { recursive: true, force: true }));

const manifest = JSON.parse(readFileSync('editors/vscode/package.json', 'utf8'));

test('the .vsix is named for the version and holds the manifest, the bundle, the grammars and the language configuration', (t) => {
  t.true(packaged.vsix.endsWith(`netc-vscode-${manifest.version}.vsix`));
  t.true(packaged.bytes > 10_000 && packaged.bytes < 2_000_000, `${packaged.bytes} bytes`);
  const names = zipEntries(zip).map((e) => e.name);
  for (const name of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.js', 'extension/syntaxes/netc.tmLanguage.json', 'extension/syntaxes/netc.markdown.tmLanguage.json', 'extension/language-configuration.json', 'extension/readme.md', 'extension/LICENSE.txt']) {
    t.true(names.includes(name), `${name} in ${names.join(', ')}`);
  }
  t.deepEqual(names.filter((n) => n.endsWith('.ts') || n.includes('node_modules/') || n.includes('/src/') || n.endsWith('.map')), []);
});

test('the packed manifest is the source manifest, and every file it names is in the package', (t) => {
  const entries = zipEntries(zip);
  const packedManifest = JSON.parse(zipRead(zip, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
  for (const key of ['name', 'publisher', 'version', 'engines', 'activationEvents', 'main', 'contributes']) t.deepEqual(packedManifest[key], manifest[key], key);
  const named = [manifest.main, ...manifest.contributes.grammars.map((g: { path: string }) => g.path), ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration)];
  for (const file of named) t.true(entries.some((e) => e.name === `extension/${file.replace(/^\.\//, '')}`), file);
  // The grammars and the language configuration go in byte for byte (the tested files are the shipped ones).
  for (const file of ['syntaxes/netc.tmLanguage.json', 'syntaxes/netc.markdown.tmLanguage.json', 'language-configuration.json']) {
    t.true(zipRead(zip, entries.find((e) => e.name === `extension/${file}`)!).equals(readFileSync(join('editors/vscode', file))), file);
  }
  const vsixManifest = zipRead(zip, entries.find((e) => e.name === 'extension.vsixmanifest')!).toString('utf8');
  t.regex(vsixManifest, /Id="netc"/);
  t.regex(vsixManifest, /Publisher="netc"/);
});

test('the manifest: the netc language on .net, activation on it, the settings, and the VS Code vscode-languageclient needs', (t) => {
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'netc');
  t.deepEqual(language.extensions, ['.net']);
  t.deepEqual(manifest.activationEvents, ['onLanguage:netc']);
  t.is(manifest.main, './dist/extension.js');
  const client = JSON.parse(readFileSync('node_modules/vscode-languageclient/package.json', 'utf8'));
  t.is(manifest.engines.vscode, client.engines.vscode);
  const settings = manifest.contributes.configuration.properties;
  t.is(settings['netc.server.path'].type, 'string');
  t.deepEqual(settings['netc.trace.server'].enum, ['off', 'messages', 'verbose']);
  t.deepEqual(manifest.contributes.commands.map((c: { command: string }) => c.command), ['netc.restartServer']);
  // netc fmt indents by two spaces; typing should agree with it.
  t.like(manifest.contributes.configurationDefaults['[netc]'], { 'editor.tabSize': 2, 'editor.insertSpaces': true });
});

/** A file (made executable), with its folders. */
function file(path: string, text = ''): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

function withPath<T>(path: string, run: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return run();
  } finally {
    process.env.PATH = saved;
  }
}

test.serial('netc.server.path: a netc.js runs with node, an executable directly, a relative path from the workspace folder', (t) => {
  const dir = join(work, 'configured');
  const script = file(join(dir, 'netc', 'dist', 'cli', 'netc.js'));
  const binary = file(join(dir, 'bin', 'netc'));
  resetState();
  state.config['netc.server.path'] = script;
  t.deepEqual(extension.findServer(), { command: 'node', args: [script, 'lsp', '--stdio'], source: 'setting', shell: false });
  state.config['netc.server.path'] = binary;
  t.deepEqual(extension.findServer(), { command: binary, args: ['lsp', '--stdio'], source: 'setting', shell: false });
  state.folders = [dir];
  state.config['netc.server.path'] = 'netc/dist/cli/netc.js';
  t.like(extension.findServer(), { command: 'node', args: [script, 'lsp', '--stdio'] });
});

test.serial('netc.server.path that does not exist is an error naming it, not a silent fallback', (t) => {
  resetState();
  const folder = join(work, 'has-netc');
  file(join(folder, 'node_modules', 'netc', 'dist', 'cli', 'netc.js'));
  state.folders = [folder];
  state.config['netc.server.path'] = '/nowhere/netc.js';
  const found = extension.findServer();
  t.true('error' in found && found.error.includes('/nowhere/netc.js') && found.error.includes('netc.server.path'), JSON.stringify(found));
});

test.serial('without the setting: the workspace\'s node_modules/netc, then node_modules/.bin/netc, then netc\'s own checkout', (t) => {
  resetState();
  const empty = join(work, 'empty-bin');
  mkdirSync(empty, { recursive: true });
  const first = join(work, 'ws-bin');
  const bin = file(join(first, 'node_modules', '.bin', 'netc'));
  const second = join(work, 'ws-module');
  const module = file(join(second, 'node_modules', 'netc', 'dist', 'cli', 'netc.js'));
  const checkout = join(work, 'ws-checkout');
  file(join(checkout, 'package.json'), JSON.stringify({ name: 'netc', version: '0.1.0' }));
  const built = file(join(checkout, 'dist', 'cli', 'netc.js'));
  withPath(empty, () => {
    state.folders = [second];
    t.deepEqual(extension.findServer(), { command: 'node', args: [module, 'lsp', '--stdio'], source: 'workspace', shell: false });
    state.folders = [first, second];
    t.deepEqual(extension.findServer(), { command: bin, args: ['lsp', '--stdio'], source: 'workspace', shell: false });
    state.folders = [checkout];
    t.like(extension.findServer(), { command: 'node', args: [built, 'lsp', '--stdio'], source: 'workspace' });
    // Another project's dist/cli/netc.js is not netc's.
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'something-else' }));
    t.true('error' in extension.findServer());
  });
});

test.serial('without the setting or a workspace netc: netc on PATH; with none, an error that says what to do', (t) => {
  resetState();
  const pathDir = join(work, 'path-bin');
  const onPath = file(join(pathDir, 'netc'));
  state.folders = [join(work, 'nothing-here')];
  t.deepEqual(withPath(`${join(work, 'empty-bin')}:${pathDir}`, () => extension.findServer()), { command: onPath, args: ['lsp', '--stdio'], source: 'path', shell: false });
  const none = withPath(join(work, 'empty-bin'), () => extension.findServer());
  t.true('error' in none);
  if ('error' in none) {
    t.regex(none.error, /netc\.server\.path/);
    t.regex(none.error, /npm install --save-dev netc/);
    t.true(none.error.includes(join(work, 'nothing-here', 'node_modules', 'netc', 'dist', 'cli', 'netc.js')));
  }
});

test.serial('activate with no server: shows the error with the way out, registers the restart command, starts nothing', async (t) => {
  resetState();
  state.folders = [join(work, 'nothing-here')];
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  await withPath(join(work, 'empty-bin'), () => extension.activate(context));
  t.is(state.errors.length, 1);
  t.regex(state.errors[0], /language server was not found/);
  t.true(state.commands.has('netc.restartServer'));
  t.true(context.subscriptions.length >= 2);
  t.true(state.logs.some((l) => l.startsWith('error: ') && l.includes('not found')));
  await extension.deactivate();
});

// Before the stand-in server's test: that one kills its server, and the client left stopping there could dispose
// the connection this test opens.
test.serial('activate against this checkout\'s own netc lsp: the bundled client completes initialize, and deactivate shuts it down', async (t) => {
  resetState();
  const inLog = join(work, 'client-to-server.log');
  const outLog = join(work, 'server-to-client.log');
  // Relays stdio to `node dist/cli/netc.js …`, keeping a copy of both directions.
  const relay = file(join(work, 'relay', 'netc.js'), `const { spawn } = require('child_process'); const fs = require('fs');
const child = spawn(process.execPath, [${JSON.stringify(join(process.cwd(), 'dist', 'cli', 'netc.js'))}, ...process.argv.slice(2)], { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.on('data', (d) => { fs.appendFileSync(${JSON.stringify(inLog)}, d); child.stdin.write(d); });
process.stdin.on('end', () => child.stdin.end());
child.stdout.on('data', (d) => { fs.appendFileSync(${JSON.stringify(outLog)}, d); process.stdout.write(d); });
child.on('exit', (code) => process.exit(code ?? 0));`);
  state.config['netc.server.path'] = relay;
  await extension.activate({ subscriptions: [] });
  t.deepEqual(state.errors, []);
  const methods = () => [...readFileSync(inLog, 'utf8').matchAll(/"method":"([^"]+)"/g)].map((m) => m[1]);
  t.deepEqual(methods().slice(0, 2), ['initialize', 'initialized']);
  const reply = readFileSync(outLog, 'utf8');
  t.regex(reply, /"serverInfo":\{"name":"netc"/);
  for (const capability of ['hoverProvider', 'definitionProvider', 'inlayHintProvider']) t.true(reply.includes(`"${capability}"`), capability);
  await extension.deactivate();
  // The exit notification is written by the relay, another process: give it a moment to land in the log.
  for (let i = 0; i < 40 && !methods().includes('exit'); i++) await new Promise((done) => setTimeout(done, 50));
  t.true(methods().includes('shutdown') && methods().includes('exit'), methods().join(', '));
});

test.serial('activate with netc.server.path set: the language client spawns that netc.js with node as `lsp --stdio`', async (t) => {
  resetState();
  const record = join(work, 'spawned.json');
  // A stand-in server: records how it was started, then waits for the client to close its stdin.
  const script = file(join(work, 'fake-server', 'netc.js'), `require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), pid: process.pid })); process.stdin.resume(); process.stdin.on('end', () => process.exit(0));`);
  state.config['netc.server.path'] = script;
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  void extension.activate(context);
  const deadline = Date.now() + 20_000;
  while (!existsSync(record) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  t.true(existsSync(record), 'the server was not spawned within 20 s');
  const spawned = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; pid: number };
  t.deepEqual(spawned.argv, ['lsp', '--stdio']);
  t.true(state.logs.some((l) => l.includes(`node ${script} lsp --stdio (from setting)`)), state.logs.join('\n'));
  t.deepEqual(state.errors, []);
  process.kill(spawned.pid);
  await Promise.race([extension.deactivate().catch(() => undefined), new Promise((done) => setTimeout(done, 3_000))]);
});

