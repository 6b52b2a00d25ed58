// Test helper: writes small IDX datasets (optionally gzipped or damaged) into a temp directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function idxBytes(dims: number[], values: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

/** A Fashion-MNIST-shaped directory of `train` and `test` images (h×w) with labels i % 10. */
export function writeDataset(opts: { train?: number; test?: number; h?: number; w?: number; gzip?: boolean } = {}): string {
  const { train = 20, test = 10, h = 28, w = 28, gzip = true } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'netc-idx-'));
  const write = (name: string, bytes: Buffer) => writeFileSync(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  for (const [prefix, n] of [['train', train], ['t10k', test]] as const) {
    const pixels = Uint8Array.from({ length: n * h * w }, (_, i) => (i * 37) % 256);
    write(`${prefix}-images-idx3-ubyte`, idxBytes([n, h, w], pixels));
    write(`${prefix}-labels-idx1-ubyte`, idxBytes([n], Uint8Array.from({ length: n }, (_, i) => i % 10)));
  }
  return dir;
}
