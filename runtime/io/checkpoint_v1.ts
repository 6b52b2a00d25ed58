// Read-only compatibility with netc's first checkpoint format (`checkpoint.netc`): `NETCCKPT`, a u32 JSON
// header length, the JSON header (with a tensor table), then float32 tensors; optimizer slots as `slot:…`.
import type { TorchWeights } from '../model.js';
import { DataError } from '../errors.js';
import type { Checkpoint, CheckpointHeader } from './checkpoint.js';

export const LEGACY_CHECKPOINT_FILE = 'checkpoint.netc';
const MAGIC = 'NETCCKPT';

interface LegacyHeader extends CheckpointHeader {
  format: 1;
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
}

/** Whether `bytes` start like a format-1 checkpoint. */
export function isLegacyCheckpoint(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('ascii') === MAGIC;
}

/** Parses a format-1 checkpoint; `path` names the file in every error. */
export function decodeLegacyCheckpoint(bytes: Buffer, path: string): Checkpoint {
  if (bytes.length < 12 || !isLegacyCheckpoint(bytes)) throw new DataError(`${path}: not a netc checkpoint`);
  const jsonLength = bytes.readUInt32LE(8);
  if (12 + jsonLength > bytes.length) throw new DataError(`${path}: truncated checkpoint (the header is cut off)`);
  let legacy: LegacyHeader;
  try {
    legacy = JSON.parse(bytes.toString('utf8', 12, 12 + jsonLength)) as LegacyHeader;
  } catch {
    throw new DataError(`${path}: corrupt checkpoint header`);
  }
  if (legacy.format !== 1 || !Array.isArray(legacy.tensors)) throw new DataError(`${path}: checkpoint format ${String(legacy.format)} is not supported`);
  const base = 12 + jsonLength;
  const weights: TorchWeights = new Map();
  const slots: TorchWeights = new Map();
  for (const t of legacy.tensors) {
    const begin = base + t.offset;
    const end = begin + t.length * 4;
    if (end > bytes.length) throw new DataError(`${path}: truncated checkpoint (tensor '${t.name}' is cut off)`);
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + begin, bytes.byteOffset + end));
    if (t.name.startsWith('slot:')) slots.set(t.name.slice(5), { shape: t.shape, data });
    else weights.set(t.name, { shape: t.shape, data });
  }
  const { tensors: _table, format: _format, ...header } = legacy;
  return { header, weights, slots, path };
}
