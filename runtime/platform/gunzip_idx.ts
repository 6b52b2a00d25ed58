// Gunzip for IDX files in Node (zlib), bounded by what the IDX header promises: a small file that inflates to
// gigabytes is refused unspent. A page gunzips with DecompressionStream instead and never loads this module.
import { constants as bufferConstants } from 'node:buffer';
import { constants, gunzipSync } from 'node:zlib';
import { DataError } from '../errors.js';
import { promisedSize } from '../data/idx_format.js';
import { formatSize } from './read_bounded.js';

/** Bytes past the header's promise that inflating may still produce, so a few trailing bytes get their exact error. */
const TRAILING_SLACK = 4096;

export const isGzip = (raw: Uint8Array): boolean => raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;

/** The first `want` inflated bytes (fewer if the data ends), from growing prefixes of the compressed bytes:
 * deflate expands at most ~1032×, so a prefix of n bytes can never cost more than ~1 MB per KB asked. */
function inflatedPrefix(raw: Buffer, want: number): Buffer {
  for (let take = 64; ; take *= 4) {
    let out: Buffer;
    try {
      out = gunzipSync(raw.subarray(0, take), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      out = Buffer.alloc(0);
    }
    if (out.length >= want || take >= raw.length) return out;
  }
}

/** The inflated IDX bytes of gzip data `raw` read from `path`. */
export function gunzipIdx(raw: Buffer, path: string): Buffer {
  // Inflate no further than the header implies.
  const header = inflatedPrefix(raw, 4 + 4 * 255);
  const promised = promisedSize(header);
  const limit = promised === undefined ? 4 + 4 * 255 : promised + TRAILING_SLACK;
  if (limit > bufferConstants.MAX_LENGTH) throw new DataError(`${path}: the IDX header promises ${formatSize(promised!)} of data, more than netc can hold in memory (${formatSize(bufferConstants.MAX_LENGTH)})`);
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (error) {
    // Not an IDX header: parseIdx names what is wrong with it.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' && promised === undefined) return header;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataError(`${path}: the gzip data inflates to more than the ${formatSize(promised!)} its IDX header implies (${formatSize(raw.length)} compressed); refused before inflating further`);
    }
    throw new DataError(`${path}: corrupt or truncated gzip data (${(error as Error).message})`);
  }
}
