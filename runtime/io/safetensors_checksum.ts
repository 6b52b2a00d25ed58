// The checksum netc stores in the safetensors files it writes: sha256 over the header (without the checksum)
// and the data buffer, in `__metadata__["netc.sha256"]`, so a flipped byte anywhere is found on load.
// sha256 (@noble/hashes: the same digest as node:crypto, in a browser too) rather than a hand-written CRC.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const CHECKSUM_KEY = 'netc.sha256';

/** sha256 of `headerJson` (the header as JSON.stringify writes it, without the checksum) followed by the data. */
export function safetensorsChecksum(headerJson: string, data: Iterable<Uint8Array>): string {
  const hash = sha256.create().update(utf8ToBytes(headerJson));
  for (const chunk of data) hash.update(chunk);
  return bytesToHex(hash.digest());
}

/**
 * The header as it was before the checksum was added: the parsed header without `__metadata__[CHECKSUM_KEY]`
 * (and without `__metadata__` if that was its only key). JSON.parse then JSON.stringify reproduces the writer's text.
 */
export function headerWithoutChecksum(parsed: Record<string, unknown>): string {
  const metadata = { ...(parsed.__metadata__ as Record<string, unknown>) };
  delete metadata[CHECKSUM_KEY];
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key !== '__metadata__') copy[key] = value;
    else if (Object.keys(metadata).length > 0) copy[key] = metadata;
  }
  return JSON.stringify(copy);
}
