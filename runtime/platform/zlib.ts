// zlib for PNG checks in Node: CRC-32 (Node ≥ 20.15 only, else undefined) and inflating bounded by the size the
// header implies. The image-file readers use these; a page decodes images with the browser's own decoders.
import * as zlib from 'node:zlib';

export const crc32: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Inflates at most `maxOutputLength` bytes (more is an error with code ERR_BUFFER_TOO_LARGE); a truncated stream yields what it holds. */
export function inflateBounded(data: Uint8Array, maxOutputLength: number): Buffer {
  return zlib.inflateSync(data, { maxOutputLength, finishFlush: zlib.constants.Z_SYNC_FLUSH });
}
