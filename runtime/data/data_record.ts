// data.json's record of what a run was trained on, environment-neutral: a page's exported weights carry it too
// (platform/data_info.ts reads and writes the file).
import type { Normalization, NormalizeMode } from './normalization.js';

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
