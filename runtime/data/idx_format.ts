// The IDX format (MNIST's), parsed from bytes already in memory and already gunzipped: validated header, exact
// sizes, one-line errors naming `name`. Environment-neutral: the CLI reads files into it (idx.ts), a page fetches them.
import { DataError } from '../errors.js';

export interface IdxArray {
  /** Dimensions from the header, e.g. [60000, 28, 28]. */
  dims: number[];
  data: Uint8Array;
}

export const UNSIGNED_BYTE = 0x08;

/** The size an IDX header promises (header + values), or undefined when the header is unreadable (reported later). */
export function promisedSize(header: Uint8Array): number | undefined {
  if (header.length < 4 || header[0] !== 0 || header[1] !== 0 || header[2] !== UNSIGNED_BYTE) return undefined;
  const rank = header[3];
  if (header.length < 4 + 4 * rank) return undefined;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  let size = 1;
  for (let i = 0; i < rank; i++) size *= view.getUint32(4 + 4 * i);
  return 4 + 4 * rank + size;
}

/** An IDX array of unsigned bytes with the expected number of dimensions; `name` names it in errors (a path, a URL). */
export function parseIdx(bytes: Uint8Array, name: string, expectedRank: number): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new DataError(`${name}: not an IDX file (bad magic number)`);
  if (bytes[2] !== UNSIGNED_BYTE) throw new DataError(`${name}: IDX element type 0x${bytes[2].toString(16)} is not supported (expected unsigned bytes, 0x08)`);
  const rank = bytes[3];
  if (rank !== expectedRank) throw new DataError(`${name}: has ${rank} dimensions, expected ${expectedRank} (${expectedRank === 1 ? 'labels' : 'images'})`);
  if (bytes.length < 4 + 4 * rank) throw new DataError(`${name}: truncated header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const offset = 4 + 4 * rank;
  const available = bytes.length - offset;
  if (available < size) throw new DataError(`${name}: truncated: the header promises ${dims.join('×')} = ${size} values but the file holds ${available}`);
  if (available > size) throw new DataError(`${name}: ${available - size} unexpected bytes after the ${dims.join('×')} values`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}
