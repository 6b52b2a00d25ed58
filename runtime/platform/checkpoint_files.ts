// Checkpoints on safetensors: `model.safetensors` (weights and buffers by IR name, PyTorch layout, F32; netc's
// header as JSON in `__metadata__`) and `optimizer.safetensors` (slots by `slot/param-name`), each atomic.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TorchWeights } from '../model.js';
import { DataError } from '../errors.js';
import { FileReadError, readBounded, readLimits } from './read_bounded.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsFile } from '../io/safetensors.js';
import { writeFileAtomic } from './atomic_file.js';
import { LEGACY_CHECKPOINT_FILE, decodeLegacyCheckpoint, isLegacyCheckpoint } from '../io/checkpoint_v1.js';
import { checkHeaderBasics, requireFinite } from '../io/checkpoint_validate.js';
import { sha256Hex } from '../sha256.js';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, OPTIMIZER_FILE, encodeModelFile, netcHeader, type CheckpointHeader } from '../io/checkpoint_format.js';

export { CHECKPOINT_FILE, OPTIMIZER_FILE, CHECKPOINT_FORMAT, encodeModelFile, netcHeader } from '../io/checkpoint_format.js';
export type { CheckpointHeader } from '../io/checkpoint_format.js';

/** What the model file records about the optimizer file written just before it. */
interface OptimizerStamp {
  file: string;
  sha256: string;
  epoch: number;
  step: number;
}

export interface Checkpoint {
  header: CheckpointHeader;
  weights: TorchWeights;
  /** Optimizer slots by `slot/parameter-name`. */
  slots: TorchWeights;
  /** The file the weights came from. */
  path: string;
  /** The file the optimizer slots came from, when not `path`. */
  slotsPath?: string;
}

/**
 * Writes `dir/optimizer.safetensors` (when there are slots), then `dir/model.safetensors`, each atomically.
 * The model file names the optimizer file's sha256, so a crash between the two writes is detected on resume.
 * Non-finite weights or optimizer state are refused before anything is written: a good checkpoint is never replaced by them.
 */
export function writeCheckpoint(dir: string, header: CheckpointHeader, weights: TorchWeights, slots: TorchWeights): string {
  requireFinite(weights, `${join(dir, CHECKPOINT_FILE)} (not written)`);
  requireFinite(slots, `${join(dir, OPTIMIZER_FILE)} (not written)`);
  const metadata: Record<string, string> = { format: CHECKPOINT_FORMAT };
  if (slots.size > 0) {
    const step = header.optimizer?.step ?? 0;
    const bytes = encodeSafetensors(slots, { format: CHECKPOINT_FORMAT, 'netc.optimizer': JSON.stringify({ epoch: header.epoch, step }) });
    writeFileAtomic(join(dir, OPTIMIZER_FILE), [bytes]);
    const stamp: OptimizerStamp = { file: OPTIMIZER_FILE, sha256: sha256(bytes), epoch: header.epoch, step };
    metadata['netc.optimizer'] = JSON.stringify(stamp);
  }
  const path = join(dir, CHECKPOINT_FILE);
  writeFileAtomic(path, [encodeModelFile(header, weights, metadata)]);
  return path;
}

/** The model file of a location: a run directory's model.safetensors (or old checkpoint.netc), or the file itself. */
export function checkpointPath(location: string): string {
  if (!(existsSync(location) && statSync(location).isDirectory())) return location;
  const path = join(location, CHECKPOINT_FILE);
  if (existsSync(path) || !existsSync(join(location, LEGACY_CHECKPOINT_FILE))) return path;
  return join(location, LEGACY_CHECKPOINT_FILE);
}

/** Reads a file's bytes through the bounded reader, with a one-line error naming it (`missing`: why when absent). */
export function readBytes(path: string, missing: string): Buffer {
  try {
    return readBounded(path, readLimits.data);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw new DataError(error.reason === 'no such file' ? `${path}: ${missing}` : error.message);
  }
}

/** Reads a checkpoint — weights, header and optimizer slots — from a run directory, a model.safetensors or an old checkpoint.netc. */
export function readCheckpoint(location: string): Checkpoint {
  const path = checkpointPath(location);
  const bytes = readBytes(path, `no checkpoint there (expected a run directory with ${CHECKPOINT_FILE})`);
  const checked = (c: Checkpoint): Checkpoint => {
    checkHeaderBasics(c.header, path);
    requireFinite(c.weights, path);
    requireFinite(c.slots, c.slotsPath ?? path);
    return c;
  };
  if (isLegacyCheckpoint(bytes)) return checked(decodeLegacyCheckpoint(bytes, path));
  const file = decodeSafetensors(bytes, path);
  const header = netcHeader(file, path);
  if (!header) throw new DataError(`${path}: a safetensors file without netc's checkpoint metadata (__metadata__.format is not ${CHECKPOINT_FORMAT}); load it with --weights or import-weights`);
  const slotsPath = file.metadata['netc.optimizer'] === undefined ? undefined : join(dirname(path), OPTIMIZER_FILE);
  return checked({ header, weights: file.tensors, slots: readSlots(file, path, header), path, slotsPath });
}

function readSlots(file: SafetensorsFile, path: string, header: CheckpointHeader): TorchWeights {
  const stampText = file.metadata['netc.optimizer'];
  if (stampText === undefined) return new Map();
  let stamp: OptimizerStamp;
  try {
    stamp = JSON.parse(stampText) as OptimizerStamp;
    if (typeof stamp.file !== 'string' || typeof stamp.sha256 !== 'string') throw new Error('fields missing');
  } catch (error) {
    throw new DataError(`${path}: corrupt netc checkpoint metadata (__metadata__["netc.optimizer"]: ${(error as Error).message.split('\n')[0]})`);
  }
  const slotPath = join(dirname(path), basename(stamp.file)); // beside the model file, whatever the metadata says
  const bytes = readBytes(slotPath, `missing: ${path} (epoch ${header.epoch}) needs its optimizer state from this file`);
  if (sha256(bytes) !== stamp.sha256) {
    let found = 'unreadable';
    try {
      const saved = JSON.parse(decodeSafetensors(bytes, slotPath).metadata['netc.optimizer'] ?? '{}') as { epoch?: number };
      found = `from epoch ${saved.epoch ?? '?'}`;
    } catch {
      // a damaged optimizer file: say so rather than its epoch
    }
    throw new DataError(`${slotPath}: the optimizer state is ${found}, the model (${path}) from epoch ${stamp.epoch}; the run was interrupted between the two writes — resume from an earlier copy or start again`);
  }
  return decodeSafetensors(bytes, slotPath).tensors;
}

function sha256(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}
