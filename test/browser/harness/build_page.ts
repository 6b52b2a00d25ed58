// Bundles a page script that uses netc's runtime for the browser (esbuild): runtime/tfjs.ts's
// ./tfjs_bundle.js maps to runtime/tfjs_entry_browser.ts (as in playground/vite.config.ts); node:* modules
// that runtime files reach for Node-only paths (trial caches, thread pools) become empty stubs, so a call into
// one fails loudly rather than the page not loading. Copies the page's HTML and tfjs's wasm binaries beside it.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const browserTfjs: Plugin = {
  name: 'netc-browser-tfjs',
  setup(b) {
    b.onResolve({ filter: /\/tfjs_bundle\.js$/ }, () => ({ path: resolve('runtime/tfjs_entry_browser.ts') }));
    b.onResolve({ filter: /^(node:|webgpu$)/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Bundles `entry` (a .ts file, from the repository root) to OUT/entry.js beside `html` and the wasm binaries. */
export async function buildPage(entry: string, html: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: join(outDir, 'entry.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    mainFields: ['browser', 'module', 'main'],
    plugins: [browserTfjs],
    define: { 'process.env.NODE_ENV': '"production"' },
    // tfjs's wasm glue and a few runtime helpers read process.env; give the page an empty one.
    banner: { js: 'globalThis.process ??= { env: {}, versions: {} };' },
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  copyFileSync(html, join(outDir, 'index.html'));
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(wasmDir, file), join(outDir, file));
}
