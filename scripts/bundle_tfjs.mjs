// Bundles runtime/tfjs.ts (tfjs-core + gradients + backends) over tsc's output, so exactly one tfjs engine
// exists and every runtime module reaches it through dist/runtime/tfjs.js. The training benchmark is bundled
// whole (runtime, compiler, tfjs and tfjs-layers) for the same reason: one engine shared with tfjs-layers.
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

await build({ ...shared, entryPoints: ['runtime/tfjs.ts'], outfile: 'dist/runtime/tfjs.js' });
await build({ ...shared, entryPoints: ['bench/train_bench.ts'], outfile: 'dist/bench/train_bench.js' });
