// Bundles runtime/tfjs_entry.ts (tfjs-core + gradients + backends) into dist/runtime/tfjs_bundle.js, so exactly
// one tfjs engine exists and every runtime module reaches it through runtime/tfjs.ts. The training benchmark is bundled
// whole (runtime, compiler, tfjs and tfjs-layers) for the same reason: one engine shared with tfjs-layers.
import { copyFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const shared = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['webgpu'],
  // tfjs's platform code calls require() for Node built-ins; give the ESM bundle a real one
  // (and the wasm backend's Emscripten glue reads __dirname / __filename).
  banner: {
    js: [
      "import { createRequire as __netcCreateRequire } from 'node:module';",
      "import { fileURLToPath as __netcFileURLToPath } from 'node:url';",
      'const require = __netcCreateRequire(import.meta.url);',
      'const __filename = __netcFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
  logLevel: 'warning',
  legalComments: 'none',
};

// Written to a temp name and renamed, so a running process never sees half a bundle.
await build({ ...shared, entryPoints: ['runtime/tfjs_entry.ts'], outfile: 'dist/runtime/tfjs_bundle.tmp.js' });
renameSync('dist/runtime/tfjs_bundle.tmp.js', 'dist/runtime/tfjs_bundle.js');
copyFileSync('runtime/tfjs_bundle.d.ts', 'dist/runtime/tfjs_bundle.d.ts');
// In the bench bundle, runtime/tfjs.ts's re-export of the bundle resolves to the bundle's own entry.
const tfjsFromSource = {
  name: 'tfjs-from-source',
  setup(b) {
    b.onResolve({ filter: /\/tfjs_bundle\.js$/ }, () => ({ path: resolve('runtime/tfjs_entry.ts') }));
  },
};
await build({ ...shared, entryPoints: ['bench/train_bench.ts'], outfile: 'dist/bench/train_bench.tmp.js', plugins: [tfjsFromSource] });
renameSync('dist/bench/train_bench.tmp.js', 'dist/bench/train_bench.js');
