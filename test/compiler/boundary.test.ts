// grammar/, compiler/ and graph/ are pure: no tfjs, no node:* — they embed in browsers, editors and tools.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importPattern = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

// The one package each may import besides relative modules (graph/ draws with elkjs's bundled or worker build).
const packages: Record<string, RegExp> = { grammar: /^chevrotain$/, compiler: /^chevrotain$/, graph: /^elkjs\/lib\/elk\.bundled\.js$/ };

for (const dir of ['grammar', 'compiler', 'graph']) {
  test(`${dir}/ imports neither tfjs nor node built-ins`, (t) => {
    const files = sourceFiles(dir);
    t.true(files.length > 0);
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
        const spec = match[1] ?? match[2] ?? match[3];
        t.false(spec.startsWith('@tensorflow/'), `${file} imports ${spec}`);
        t.false(spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'url', 'process'].includes(spec), `${file} imports ${spec}`);
        t.true(spec.startsWith('.') || packages[dir].test(spec), `${file} imports ${spec}: only relative modules and ${packages[dir].source} are allowed`);
      }
      t.notRegex(readFileSync(file, 'utf8'), /\bprocess\.|\brequire\(/, `${file} touches the Node runtime`);
    }
  });
}

test('no stage imports a later stage (grammar never imports compiler)', (t) => {
  for (const file of sourceFiles('grammar')) {
    t.notRegex(readFileSync(file, 'utf8'), /from '\.\.\/compiler\//, file);
  }
});
