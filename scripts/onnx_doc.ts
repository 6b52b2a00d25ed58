// Rewrites the ONNX mapping table of docs/runtime.md from runtime/io/onnx/onnx_ops.ts. Run: node dist/scripts/onnx_doc.js
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { withOnnxTable } from '../runtime/io/onnx/onnx_ops.js';

/** docs/runtime.md (this file runs as dist/scripts/onnx_doc.js). */
export const runtimeDocPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'runtime.md');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(runtimeDocPath, withOnnxTable(readFileSync(runtimeDocPath, 'utf8')));
  console.log(`wrote ${runtimeDocPath}`);
}
