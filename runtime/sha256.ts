// sha256 as lowercase hex, the same digest node:crypto gives, from @noble/hashes so it runs in a browser too
// (ir_hash, checkpoint stamps and safetensors checksums must not differ between the page and the CLI).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** sha256 over the parts in order (strings as UTF-8), as hex. */
export function sha256Hex(...parts: (string | Uint8Array)[]): string {
  const hash = sha256.create();
  for (const part of parts) hash.update(typeof part === 'string' ? utf8ToBytes(part) : part);
  return bytesToHex(hash.digest());
}
