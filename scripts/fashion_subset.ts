// The playground's Fashion-MNIST: the first N train and test images of Debian's dataset-fashion-mnist,
// written in the same IDX layout (gzip), so the page and `netc eval --data DIR` read the very same images.
// Made at build time (nothing is committed, nothing downloaded).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readIdx } from '../runtime/data/idx.js';
import { defaultDataDir } from '../runtime/data/dataset.js';

export interface SubsetOptions {
  source?: string;
  train?: number;
  test?: number;
}

/** IDX bytes: magic (0, 0, unsigned byte, rank), big-endian uint32 dimensions, then the values. */
function idxBytes(dims: number[], data: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint8(2, 0x08);
  header.setUint8(3, dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.byteLength + data.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(data, header.byteLength);
  return out;
}

function writeSplit(source: string, out: string, prefix: 'train' | 't10k', count: number): void {
  const images = readIdx(join(source, `${prefix}-images-idx3-ubyte.gz`), 3);
  const labels = readIdx(join(source, `${prefix}-labels-idx1-ubyte.gz`), 1);
  const n = Math.min(count, images.dims[0]);
  const pixels = images.dims[1] * images.dims[2];
  writeFileSync(join(out, `${prefix}-images-idx3-ubyte.gz`), gzipSync(idxBytes([n, images.dims[1], images.dims[2]], images.data.subarray(0, n * pixels)), { level: 9 }));
  writeFileSync(join(out, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(idxBytes([n], labels.data.subarray(0, n)), { level: 9 }));
}

/** Writes the subset into `outDir` (made if missing); returns the counts written. */
export function writeFashionSubset(outDir: string, options: SubsetOptions = {}): { train: number; test: number } {
  const source = options.source ?? defaultDataDir;
  const train = options.train ?? 10_000;
  const test = options.test ?? 2_000;
  mkdirSync(outDir, { recursive: true });
  writeSplit(source, outDir, 'train', train);
  writeSplit(source, outDir, 't10k', test);
  return { train, test };
}
