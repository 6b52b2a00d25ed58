// `npm run build:playground`: the playground as a static site in dist/playground (relative paths): Vite builds
// playground/, then tfjs's wasm binaries and the Fashion-MNIST subset (scripts/fashion_subset.ts) are added.
// Offline: everything comes from node_modules and Debian's dataset.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { writeFashionSubset } from './fashion_subset.js';

export const PLAYGROUND_DIR = 'dist/playground';
const WASM_DIR = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';

export async function buildPlayground(outDir = PLAYGROUND_DIR): Promise<void> {
  await build({ configFile: 'playground/vite.config.ts', build: { outDir: join(process.cwd(), outDir) }, logLevel: 'warn' });
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  for (const file of readdirSync(WASM_DIR).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(WASM_DIR, file), join(outDir, 'wasm', file));
  writeFashionSubset(join(outDir, 'data', 'fashion-mnist'));
}

if (process.argv[1]?.endsWith('build_playground.js')) {
  const started = performance.now();
  await buildPlayground();
  if (!existsSync(join(PLAYGROUND_DIR, 'index.html'))) throw new Error(`${PLAYGROUND_DIR}/index.html was not written`);
  console.log(`playground: ${PLAYGROUND_DIR} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
