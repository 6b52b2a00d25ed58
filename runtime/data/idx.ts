// IDX files (MNIST's format), gzip-compressed or not: validated header, exact sizes, one-line errors.
import { constants as bufferConstants } from 'node:buffer';
import { constants, gunzipSync } from 'node:zlib';

import { DataError } from '../errors.js';
import { formatSize, readBounded, readLimits } from '../platform/read_bounded.js';

export interface IdxArray {
  /** Dimensions from the header, e.g. [60000, 28, 28]. */
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Bytes past the header's promise that inflating may still produce, so a few trailing bytes get their exact error. */
const TRAILING_SLACK = 4096;

const isGzip = (raw: Buffer) => raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;

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

/** The size an IDX header promises (header + values), or undefined when the header is unreadable (reported later). */
function promisedSize(header: Buffer): number | undefined {
  if (header.length < 4 || header[0] !== 0 || header[1] !== 0 || header[2] !== UNSIGNED_BYTE) return undefined;
  const rank = header[3];
  if (header.length < 4 + 4 * rank) return undefined;
  let size = 1;
  for (let i = 0; i < rank; i++) size *= header.readUInt32BE(4 + 4 * i);
  return 4 + 4 * rank + size;
}

function readBytes(path: string): Buffer {
  let raw: Buffer;
  try {
    raw = readBounded(path, readLimits.data);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  if (!isGzip(raw)) return raw;
  // Inflate no further than the header implies: a small file that inflates to gigabytes is refused unspent.
  const header = inflatedPrefix(raw, 4 + 4 * 255);
  const promised = promisedSize(header);
  const limit = promised === undefined ? 4 + 4 * 255 : promised + TRAILING_SLACK;
  if (limit > bufferConstants.MAX_LENGTH) throw new DataError(`${path}: the IDX header promises ${formatSize(promised!)} of data, more than netc can hold in memory (${formatSize(bufferConstants.MAX_LENGTH)})`);
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (error) {
    // Not an IDX header: readIdx names what is wrong with it.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' && promised === undefined) return header;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataError(`${path}: the gzip data inflates to more than the ${formatSize(promised!)} its IDX header implies (${formatSize(raw.length)} compressed); refused before inflating further`);
    }
    throw new DataError(`${path}: corrupt or truncated gzip data (${(error as Error).message})`);
  }
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
