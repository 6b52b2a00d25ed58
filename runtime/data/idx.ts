// IDX files (MNIST's format), gzip-compressed or not: validated header, exact sizes, one-line errors.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import { DataError } from '../errors.js';

export interface IdxArray {
  /** Dimensions from the header, e.g. [60000, 28, 28]. */
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

function readBytes(path: string): Buffer {
  let raw: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new DataError(`${path}: is a directory, expected an IDX file`);
    raw = readFileSync(path);
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read (${(error as Error).message})`);
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (error) {
      throw new DataError(`${path}: corrupt or truncated gzip data (${(error as Error).message})`);
    }
  }
  return raw;
}

/** Reads an IDX file of unsigned bytes with the expected number of dimensions. */
export function readIdx(path: string, expectedRank: number): IdxArray {
  const bytes = readBytes(path);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new DataError(`${path}: not an IDX file (bad magic number)`);
  if (bytes[2] !== UNSIGNED_BYTE) throw new DataError(`${path}: IDX element type 0x${bytes[2].toString(16)} is not supported (expected unsigned bytes, 0x08)`);
  const rank = bytes[3];
  if (rank !== expectedRank) throw new DataError(`${path}: has ${rank} dimensions, expected ${expectedRank} (${expectedRank === 1 ? 'labels' : 'images'})`);
  if (bytes.length < 4 + 4 * rank) throw new DataError(`${path}: truncated header`);
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const offset = 4 + 4 * rank;
  const available = bytes.length - offset;
  if (available < size) throw new DataError(`${path}: truncated: the header promises ${dims.join('×')} = ${size} values but the file holds ${available}`);
  if (available > size) throw new DataError(`${path}: ${available - size} unexpected bytes after the ${dims.join('×')} values`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}
