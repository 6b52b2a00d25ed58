// cli/ reaches the runtime only through runtime/index.js, and loads it only for the commands that run networks.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import * as runtime from '../../runtime/index.js';
import { commands } from '../../cli/commands.js';

const importPattern = /(?:import|export)\s+(type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module a file names: [resolved path or package, type-only, dynamic]. */
function importsOf(file: string): { target: string; typeOnly: boolean; dynamic: boolean }[] {
  return [...readFileSync(file, 'utf8').matchAll(importPattern)].map((m) => {
    const spec = m[2] ?? m[3];
    return { target: spec.startsWith('.') ? normalize(join(dirname(file), spec)) : spec, typeOnly: Boolean(m[1]), dynamic: m[3] !== undefined };
  });
}

const cliSources = readdirSync('cli').filter((f) => f.endsWith('.ts')).map((f) => join('cli', f));

/** Node-only runtime modules that load no tfjs, which cli/ may import directly (the one bounded file reader). */
const platformModules = new Set(['runtime/platform/read_bounded.js']);

test('no file in cli/ imports a runtime module other than runtime/index.js (and the tfjs-free platform reader), nor tfjs', (t) => {
  t.true(cliSources.length > 5);
  for (const file of cliSources) {
    for (const { target } of importsOf(file)) {
      t.false(target.startsWith('@tensorflow/'), `${file} imports ${target}`);
      if (target.startsWith('runtime/') && !platformModules.has(target)) t.is(target, 'runtime/index.js', `${file} imports ${target}`);
      // lsp/ is the language server `netc lsp` starts (a shell of its own; test/lsp/boundary.test.ts checks what it imports).
      t.true(/^(cli|runtime|compiler|grammar|graph|lsp)\//.test(target) || target.startsWith('node:'), `${file} imports ${target}`);
    }
  }
});

test('the static commands never load the runtime: netc.js reaches runtime/index.js only through dynamic imports', (t) => {
  // The built files, where type-only imports are gone.
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const { target, dynamic } of importsOf(file)) if (!dynamic && target.startsWith('dist/')) visit(target);
  };
  visit('dist/cli/netc.js');
  t.true(reached.has('dist/cli/static_commands.js'));
  // Only the platform reader and what it imports (the error kinds), neither of which touches tfjs.
  const runtimeReached = [...reached].filter((f) => f.startsWith('dist/runtime/')).sort();
  t.deepEqual(runtimeReached, ['dist/runtime/errors.js', 'dist/runtime/platform/read_bounded.js']);
});

test("the options tables' choices and defaults are the runtime's", (t) => {
  const option = (command: string, name: string) => commands.find((c) => c.name === command)!.options.find((o) => o.name === name)!;
  t.deepEqual(option('train', 'backend').choices, runtime.backendChoices);
  t.deepEqual(option('predict', 'backend').choices, runtime.backendChoices);
  t.deepEqual(option('train', 'optimizer').choices, runtime.optimizerChoices);
  t.deepEqual(option('train', 'schedule').choices, runtime.scheduleChoices);
  t.deepEqual(option('train', 'init').choices, runtime.initChoices);
  t.is(option('train', 'data').defaultText, runtime.defaultDataDir);
  t.is(option('predict', 'data').defaultText, runtime.defaultDataDir);
});

test('runtime/index.js gives a host what it needs to train, evaluate, predict and import weights', (t) => {
  for (const name of ['startBackend', 'Model', 'Rng', 'train', 'evaluate', 'classify', 'loadWeights', 'readWeightFile', 'readCheckpoint', 'writeCheckpoint', 'readTorchJson', 'loadDataset', 'planInput', 'readImage', 'explainPlan', 'planLowerings', 'irHash', 'UserError', 'BackendError', 'tf'] as const) {
    t.truthy(runtime[name], name);
  }
});
