// netc's model file format, environment-neutral: a safetensors file of weights and buffers by IR name in PyTorch's
// layout (F32), with netc's header as JSON in `__metadata__.netc`. checkpoint.ts writes and reads it as files (Node);
// a page encodes the same bytes for download (TrainingSession.exportSafetensors).
import type { TorchWeights } from '../model.js';
import type { RngState } from '../rng.js';
import type { OptimizerConfig } from '../train/optimizer.js';
import type { Schedule } from '../train/schedule.js';
import { DataError } from '../errors.js';
import { encodeSafetensors, type SafetensorsFile } from './safetensors.js';
import { checkHeaderBasics } from './checkpoint_validate.js';

export const CHECKPOINT_FILE = 'model.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';
/** `__metadata__.format` of a netc checkpoint; `__metadata__.netc` holds the header as JSON. */
export const CHECKPOINT_FORMAT = 'netc-checkpoint/2';

/** netc's checkpoint header. Stored whole as JSON, so fields added later need no format change. */
export interface CheckpointHeader {
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
  [field: string]: unknown;
}

/** A netc model file's bytes: `weights` with `header` (and any further metadata, e.g. the optimizer stamp). */
export function encodeModelFile(header: CheckpointHeader, weights: TorchWeights, metadata: Record<string, string> = {}): Uint8Array {
  return encodeSafetensors(weights, { format: CHECKPOINT_FORMAT, ...metadata, netc: JSON.stringify(header) });
}

/** The header of a netc model file, or undefined for safetensors that netc did not write. */
export function netcHeader(file: SafetensorsFile, path: string): CheckpointHeader | undefined {
  if (file.metadata.format !== CHECKPOINT_FORMAT) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(file.metadata.netc ?? '');
  } catch (error) {
    throw new DataError(`${path}: corrupt netc checkpoint metadata (__metadata__.netc: ${(error as Error).message.split('\n')[0]})`);
  }
  return checkHeaderBasics(header, path);
}

