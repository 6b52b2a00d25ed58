// Generated docs stay in step with the grammar.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { diagramsHtml } from '../../scripts/railroad.js';

test('docs/grammar.html is up to date (npm run docs:diagrams)', (t) => {
  t.is(readFileSync('docs/grammar.html', 'utf8'), diagramsHtml());
});

test('docs/language.md\'s layer table is generated from the registry (npm run docs:layers)', async (t) => {
  const { withLayerTable } = await import('../../compiler/ops/layer_table.js');
  const doc = readFileSync('docs/language.md', 'utf8');
  t.is(doc, withLayerTable(doc));
});

test('docs/language.md covers every layer of the registry and every keyword', async (t) => {
  const doc = readFileSync('docs/language.md', 'utf8');
  const { layerRegistry } = await import('../../compiler/ops/registry.js');
  for (const name of layerRegistry.keys()) t.regex(doc, new RegExp(`\`${name}\\b`), name);
  for (const keyword of ['network', 'block', 'import', 'input', 'let', 'repeat', 'if', 'then', 'else', 'concat', 'branch', 'residual', 'shortcut', 'scale', 'extends', 'freeze', 'train', 'new', 'in.channels']) {
    t.true(doc.includes(keyword), keyword);
  }
});

test('docs/architecture.md names every runtime file, so a newcomer finds each one', async (t) => {
  const { readdirSync } = await import('node:fs');
  const doc = readFileSync('docs/architecture.md', 'utf8');
  const files = (readdirSync('runtime', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\\/g, '/'));
  const unnamed = files.filter((f) => !doc.includes(f) && !doc.includes(f.split('/').pop()!));
  t.deepEqual(unnamed, []);
});

test('no file carries a merge-conflict marker (a merge once left one in the README)', async (t) => {
  const { readdirSync, statSync } = await import('node:fs');
  const roots = ['README.md', 'docs', 'grammar', 'compiler', 'runtime', 'cli', 'graph', 'playground', 'scripts', 'networks', 'examples', 'test', 'tools', 'bench'];
  const files = roots.flatMap((root) => (statSync(root).isDirectory() ? (readdirSync(root, { recursive: true }) as string[]).map((f) => `${root}/${f}`) : [root]));
  const marked = files.filter((f) => /\.(ts|md|net|mjs|sh|py|json|html)$/.test(f) && statSync(f).isFile() && /^(<{7}|>{7}) /m.test(readFileSync(f, 'utf8')));
  t.deepEqual(marked, []);
});
