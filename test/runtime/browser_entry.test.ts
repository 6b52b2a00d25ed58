// runtime/browser.ts bundles for the browser with nothing that reaches Node: esbuild (platform 'browser', tfjs's
// bundle mapped to runtime/tfjs_entry_browser.ts as the playground's Vite build does) fails on a Node built-in it
// cannot map away, and every node:* import is recorded with the file that made it.
import test from 'ava';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

interface Bundle {
  /** "node:fs from runtime/x.ts" for each node:* import reached. */
  nodeImports: string[];
  /** esbuild's errors (a Node built-in no package maps away for the browser is one). */
  errors: string[];
  metafile?: Metafile;
}

const builtins = new Set(builtinModules);

async function bundleForBrowser(entry: string): Promise<Bundle> {
  const nodeImports: string[] = [];
  const recordNode = {
    name: 'record-node',
    setup(b: import('esbuild').PluginBuild) {
      // The browser's tfjs engine, as scripts/bundle_tfjs.mjs's tfjsFromSource and playground/vite.config.ts map it.
      b.onResolve({ filter: /\/tfjs_bundle\.js$/ }, () => ({ path: resolve('runtime/tfjs_entry_browser.ts') }));
      b.onResolve({ filter: /^node:/ }, (args) => {
        nodeImports.push(`${args.path} from ${args.importer.replace(`${process.cwd()}/`, '')}`);
        return { path: args.path, external: true };
      });
      // A bare built-in imported by netc's own code (packages' own are mapped by their "browser" fields).
      b.onResolve({ filter: /^[a-z_]+(\/[a-z_]+)?$/ }, (args) => {
        if (!builtins.has(args.path) || args.importer.includes('/node_modules/')) return undefined;
        nodeImports.push(`${args.path} from ${args.importer.replace(`${process.cwd()}/`, '')}`);
        return { path: args.path, external: true };
      });
    },
  };
  try {
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, metafile: true, logLevel: 'silent', plugins: [recordNode] });
    return { nodeImports, errors: [], metafile: result.metafile };
  } catch (error) {
    const errors = ((error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? []).map((e) => `${e.location?.file ?? '?'}: ${e.text}`);
    return { nodeImports, errors: errors.length > 0 ? errors : [String(error)] };
  }
}

test('runtime/browser.ts bundles for the browser without reaching node:* or a Node built-in', async (t) => {
  const bundle = await bundleForBrowser('runtime/browser.ts');
  t.deepEqual(bundle.errors, []);
  t.deepEqual(bundle.nodeImports, []);
  const inputs = Object.keys(bundle.metafile!.inputs);
  t.deepEqual(inputs.filter((f) => f.startsWith('runtime/platform/')), [], 'no platform module is reached');
  for (const nodeOnly of ['runtime/backends/wasm/node.ts', 'runtime/backends/webgpu/node.ts', 'runtime/backends/wasm/threads/pool.ts', 'runtime/train/trainer.ts', 'runtime/index.ts']) {
    t.false(inputs.includes(nodeOnly), nodeOnly);
  }
  // The engine is the browser's (with WebGL), and the loop is the CLI's own module, not a copy.
  t.true(inputs.includes('runtime/tfjs_entry_browser.ts'));
  t.true(inputs.includes('runtime/train/training_session.ts'));
  const [output] = Object.values(bundle.metafile!.outputs);
  for (const name of ['TrainingSession', 'datasetFromIdx', 'Model', 'Rng', 'evaluate', 'classify', 'planInput', 'encodeSafetensors', 'decodeSafetensors', 'fashionMnistClasses', 'fashionMnistNormalization', 'tf']) {
    t.true(output.exports.includes(name), `exports ${name}`);
  }
});

test('the check finds Node: runtime/index.ts (the Node entry) is reported with the files that import node:*', async (t) => {
  const bundle = await bundleForBrowser('runtime/index.ts');
  t.true(bundle.nodeImports.some((line) => line === 'node:fs from runtime/platform/read_bounded.ts'), bundle.nodeImports.join('\n'));
  t.true(bundle.nodeImports.some((line) => line.endsWith('from runtime/platform/trial_store_file.ts')));
});
