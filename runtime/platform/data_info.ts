// A run directory's data.json: what the model was trained on (kind, class names, image size, normalization, split),
// so eval and predict with --weights RUN need no repeated flags.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic_file.js';
import { withFsErrors } from './fs_errors.js';
import { DataError } from '../errors.js';
import { FileReadError, readBoundedJson } from './read_bounded.js';
import type { Dataset } from './idx_files.js';
import type { Normalization, NormalizeMode } from '../data/normalization.js';

export const DATA_INFO_FILE = 'data.json';

/** The stable content of data.json (documented in docs/runtime.md). */
export interface DataInfo {
  version: 1;
  kind: 'idx' | 'image-folder';
  /** The --data directory, absolute. */
  dir: string;
  classNames: string[];
  /** [C, H, W] of the stored images (before --resize on the device, for IDX data). */
  image: [number, number, number];
  /** --resize on the device (IDX data), or null. */
  resize: number | null;
  normalize: NormalizeMode;
  /** Per-channel mean and std the inputs were standardized with, or null. */
  normalization: Normalization | null;
  /** --val-split's fraction and seed, or null when accuracy is on the test split. */
  valSplit: { fraction: number; seed: number } | null;
  evalSplit: 'test' | 'validation';
  counts: { train: number; eval: number };
}

export function dataInfo(data: Dataset, resize: number | undefined, normalize: NormalizeMode, normalization: Normalization | undefined): DataInfo {
  return {
    version: 1,
    kind: data.kind,
    dir: resolve(data.dir),
    classNames: data.classNames,
    image: data.train.shape,
    resize: data.kind === 'idx' ? resize ?? null : null,
    normalize,
    normalization: normalization ?? null,
    valSplit: data.valSplit ?? null,
    evalSplit: data.evalSplit,
    counts: { train: data.train.count, eval: data.test.count },
  };
}

export function writeDataInfo(runDir: string, info: DataInfo): void {
  withFsErrors(runDir, 'create the run directory', () => mkdirSync(runDir, { recursive: true }));
  writeFileAtomic(join(runDir, DATA_INFO_FILE), [Buffer.from(JSON.stringify(info, null, 2) + '\n')]);
}

/** data.json of the run that `weights` names (a run directory or the checkpoint inside one), if it has one. */
export function readDataInfo(weights: string): DataInfo | undefined {
  let dir = weights;
  try {
    if (!statSync(weights).isDirectory()) dir = dirname(weights);
  } catch {
    return undefined;
  }
  const path = join(dir, DATA_INFO_FILE);
  if (!existsSync(path)) return undefined;
  let info: DataInfo;
  try {
    info = readBoundedJson(path) as DataInfo;
  } catch (error) {
    if (error instanceof FileReadError) throw new DataError(error.message);
    throw error;
  }
  const ok = info && info.version === 1 && Array.isArray(info.classNames) && Array.isArray(info.image) && info.image.length === 3 && typeof info.dir === 'string';
  if (!ok) throw new DataError(`${path}: not a netc data.json (version 1 with dir, classNames and image)`);
  return info;
}
