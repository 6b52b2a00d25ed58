// IDX files (MNIST's format) from disk, gzip-compressed or not: read bounded, gunzipped (platform/gunzip_idx.ts),
// parsed by idx_format.ts — the parser a page uses on fetched bytes too.
import { DataError } from '../errors.js';
import { readBounded, readLimits } from '../platform/read_bounded.js';
import { gunzipIdx, isGzip } from '../platform/gunzip_idx.js';
import { parseIdx, type IdxArray } from './idx_format.js';

export type { IdxArray };

function readBytes(path: string): Buffer {
  let raw: Buffer;
  try {
    raw = readBounded(path, readLimits.data);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  return isGzip(raw) ? gunzipIdx(raw, path) : raw;
}

/** Reads an IDX file of unsigned bytes with the expected number of dimensions. */
export function readIdx(path: string, expectedRank: number): IdxArray {
  return parseIdx(readBytes(path), path, expectedRank);
}
