// Test helper: bytes of a format-1 checkpoint (checkpoint.netc), as netc wrote them before safetensors.
import type { CheckpointHeader } from '../../runtime/io/checkpoint.js';
import type { TensorMap } from '../../runtime/io/safetensors.js';

/** A format-1 checkpoint as netc wrote them before safetensors: NETCCKPT, u32 length, JSON with a tensor table, f32s. */
export function legacyCheckpoint(head: CheckpointHeader, w: TensorMap, s: TensorMap): Buffer {
  const tensors: { name: string; shape: number[]; offset: number; length: number }[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, v] of [...w, ...[...s].map(([n, x]) => [`slot:${n}`, x] as const)]) {
    tensors.push({ name, shape: v.shape, offset, length: v.data.length });
    chunks.push(Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    offset += v.data.byteLength;
  }
  const json = Buffer.from(JSON.stringify({ format: 1, ...head, tensors }));
  const prefix = Buffer.alloc(12);
  prefix.write('NETCCKPT', 0, 'ascii');
  prefix.writeUInt32LE(json.length, 8);
  return Buffer.concat([prefix, json, ...chunks]);
}

/** The tensor table as a damaged file may have it (a name missing, say). */
export type LegacyTable = { name?: string; shape: number[]; offset: number; length: number }[];

/** The same checkpoint with its tensor table edited (a damaged file for load tests). */
export function withLegacyTable(bytes: Buffer, edit: (table: LegacyTable) => void): Buffer {
  const length = bytes.readUInt32LE(8);
  const head = JSON.parse(bytes.toString('utf8', 12, 12 + length));
  edit(head.tensors);
  const json = Buffer.from(JSON.stringify(head));
  const prefix = Buffer.from(bytes.subarray(0, 12));
  prefix.writeUInt32LE(json.length, 8);
  return Buffer.concat([prefix, json, bytes.subarray(12 + length)]);
}
