// Checkpoints: one file, written atomically (temp file + fsync + rename), holding a JSON header and float32
// tensors — weights and buffers by IR name in PyTorch's layout, optimizer slots, epoch, RNG state, IR hash.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TorchWeights } from '../model.js';
import type { RngState } from '../rng.js';
import type { OptimizerConfig } from './optimizer.js';
import type { Schedule } from './schedule.js';
import { DataError } from '../errors.js';

export const CHECKPOINT_FILE = 'checkpoint.netc';
const MAGIC = 'NETCCKPT';
const FORMAT_VERSION = 1;

export interface CheckpointHeader {
  format: typeof FORMAT_VERSION;
  network: string;
  /** sha256 of the IR's layers and parameters: a checkpoint only loads into the network that wrote it. */
  irHash: string;
  /** Epochs completed. */
  epoch: number;
  rng: RngState;
  /** `steps`: updates per learnable parameter (frozen ones stand still); lrMult/decayMult: its parameter group. */
  optimizer?: { config: OptimizerConfig; step: number; steps?: number[]; lrMult?: number[]; decayMult?: number[]; slots: string[] };
  schedule?: Schedule;
  batch?: number;
  /** Run settings that must not change on resume (data, resize, augmentation…). */
  settings?: Record<string, unknown>;
  history?: Record<string, number>[];
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
}

export interface Checkpoint {
  header: CheckpointHeader;
  weights: TorchWeights;
  /** Optimizer slots by `slot/parameter-name`. */
  slots: TorchWeights;
}

/** Writes `dir/checkpoint.netc` so that a crash leaves either the old or the new checkpoint, never half of one. */
export function writeCheckpoint(dir: string, header: Omit<CheckpointHeader, 'tensors' | 'format'>, weights: TorchWeights, slots: TorchWeights): string {
  const tensors: CheckpointHeader['tensors'] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const [name, t] of [...weights, ...[...slots].map(([n, s]) => [`slot:${n}`, s] as const)]) {
    tensors.push({ name, shape: t.shape, offset, length: t.data.length });
    chunks.push(t.data);
    offset += t.data.length * 4;
  }
  const json = Buffer.from(JSON.stringify({ format: FORMAT_VERSION, ...header, tensors }));
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(json.length, 8);
  const path = join(dir, CHECKPOINT_FILE);
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, prefix);
    writeSync(fd, json);
    for (const chunk of chunks) writeSync(fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return path;
}

/** Reads a checkpoint from a run directory or a checkpoint file path. */
export function readCheckpoint(location: string): Checkpoint {
  const path = existsSync(location) && statSync(location).isDirectory() ? join(location, CHECKPOINT_FILE) : location;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DataError(`${path}: no checkpoint there (expected a run directory with ${CHECKPOINT_FILE})`);
  }
  if (bytes.length < 12 || bytes.toString('ascii', 0, 8) !== MAGIC) throw new DataError(`${path}: not a netc checkpoint`);
  const jsonLength = bytes.readUInt32LE(8);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + jsonLength)) as CheckpointHeader;
  } catch {
    throw new DataError(`${path}: corrupt checkpoint header`);
  }
  if (header.format !== FORMAT_VERSION) throw new DataError(`${path}: checkpoint format ${header.format} is not supported (expected ${FORMAT_VERSION})`);
  const base = 12 + jsonLength;
  const weights: TorchWeights = new Map();
  const slots: TorchWeights = new Map();
  for (const t of header.tensors) {
    if (base + t.offset + t.length * 4 > bytes.length) throw new DataError(`${path}: truncated checkpoint (tensor '${t.name}' is cut off)`);
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + base + t.offset, bytes.byteOffset + base + t.offset + t.length * 4));
    if (t.name.startsWith('slot:')) slots.set(t.name.slice(5), { shape: t.shape, data });
    else weights.set(t.name, { shape: t.shape, data });
  }
  return { header, weights, slots };
}
