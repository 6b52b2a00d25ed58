// Read-only compatibility with netc's first checkpoint format (`checkpoint.netc`): `NETCCKPT`, a u32 JSON
// header length, the JSON header (with a tensor table), then float32 tensors; optimizer slots as `slot:…`.
import type { TorchWeights } from '../model.js';
import { DataError } from '../errors.js';
import type { Checkpoint, CheckpointHeader } from '../platform/checkpoint_files.js';

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
  } catch (error) {
    throw new DataError(`${path}: corrupt checkpoint header (not JSON: ${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof legacy !== 'object' || legacy === null) throw new DataError(`${path}: corrupt checkpoint header (not a JSON object)`);
  if (legacy.format !== 1 || !Array.isArray(legacy.tensors)) throw new DataError(`${path}: checkpoint format ${String(legacy.format)} is not supported`);
  const base = 12 + jsonLength;
  const weights: TorchWeights = new Map();
  const slots: TorchWeights = new Map();
  let covered = 0; // tensors are stored one after another: each begins where the one before it ended
  for (const [i, t] of legacy.tensors.entries()) {
    const bad = (why: string): never => {
      throw new DataError(`${path}: corrupt checkpoint header (tensor ${i}${typeof t?.name === 'string' ? ` '${t.name}'` : ''}: ${why})`);
    };
    if (typeof t !== 'object' || t === null || typeof t.name !== 'string') bad('no name');
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) bad(`shape ${JSON.stringify(t.shape)} is not a list of non-negative integers`);
    if (!Number.isSafeInteger(t.offset) || t.offset < 0) bad(`offset ${JSON.stringify(t.offset)} is not a non-negative integer`);
    if (!Number.isSafeInteger(t.length) || t.length < 0) bad(`length ${JSON.stringify(t.length)} is not a non-negative integer`);
    const elements = t.shape.reduce((a, b) => a * b, 1);
    if (t.length !== elements) bad(`length ${t.length} for shape [${t.shape.join(', ')}] (${elements} values)`);
    if (t.offset < covered) bad(`offset ${t.offset} overlaps the tensor before it (which ends at ${covered})`);
    const begin = base + t.offset;
    const end = begin + t.length * 4;
    if (end > bytes.length) throw new DataError(`${path}: truncated checkpoint (tensor '${t.name}' is cut off)`);
    covered = t.offset + t.length * 4;
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + begin, bytes.byteOffset + end));
    if (t.name.startsWith('slot:')) slots.set(t.name.slice(5), { shape: t.shape, data });
    else weights.set(t.name, { shape: t.shape, data });
  }
  if (base + covered !== bytes.length) throw new DataError(`${path}: corrupt checkpoint (${bytes.length - base - covered} bytes after the last tensor)`);
  const { tensors: _table, format: _format, ...header } = legacy;
  return { header, weights, slots, path };
}
