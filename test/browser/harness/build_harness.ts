// Builds the browser test harness page into a folder (default dist/test-browser/harness): the bundled
// entry.ts, index.html, tfjs's wasm binaries and 4,096 + 16 Fashion-MNIST images under data/.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFashionSubset } from '../../../scripts/fashion_subset.js';
import { buildPage } from './build_page.js';

export const defaultHarnessDir = 'dist/test-browser/harness';

export async function buildHarness(outDir = defaultHarnessDir): Promise<string> {
  await buildPage('test/browser/harness/entry.ts', 'test/browser/harness/index.html', outDir);
  writeFashionSubset(join(outDir, 'data'), { train: 4096, test: 16 });
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildHarness(process.argv[2]);
