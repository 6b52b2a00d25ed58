// lsp/ is protocol ↔ compiler/services and nothing else: no runtime, no tfjs; node:* only in its platform files.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const importPattern = /(?:import|export)\s+(?:type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(importPattern)].map((m) => m[1] ?? m[2]);
const sources = readdirSync('lsp').filter((f) => f.endsWith('.ts'));
/** The files that touch the platform: URIs (node:url), the workspace's disk files, the transports. */
const platform = new Set(['uris.ts', 'workspace_files.ts', 'serve.ts']);
const packages = new Set(['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-textdocument']);

test('lsp/ imports only itself, compiler/ (services, the formatter, paths) and vscode-languageserver; node:* only in its platform files', (t) => {
  t.true(sources.length >= 10);
  for (const file of sources) {
    for (const target of importsOf(join('lsp', file))) {
      if (target.startsWith('node:')) t.true(platform.has(file), `${file} imports ${target}`);
      else t.true(target.startsWith('./') || target.startsWith('../compiler/') || packages.has(target), `${file} imports ${target}`);
    }
  }
});

test('the built server never reaches the runtime or tfjs', (t) => {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const target of importsOf(file)) {
      t.false(target.startsWith('@tensorflow/'), `${file} imports ${target}`);
      if (target.startsWith('.')) visit(join(file, '..', target));
    }
  };
  visit('dist/lsp/serve.js');
  t.true(reached.has('dist/compiler/services/index.js'));
  t.deepEqual([...reached].filter((f) => f.startsWith('dist/runtime/')), []);
});
