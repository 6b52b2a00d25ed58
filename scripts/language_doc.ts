// Rewrites the layer table of docs/language.md from the registry. Run: npm run docs:layers
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { withLayerTable } from '../compiler/ops/layer_table.js';

/** The repository root (this file runs as dist/scripts/language_doc.js). */
export const languageDocPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'language.md');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(languageDocPath, withLayerTable(readFileSync(languageDocPath, 'utf8')));
  console.log(`wrote ${languageDocPath}`);
}
