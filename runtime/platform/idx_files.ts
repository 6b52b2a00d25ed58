// Fashion-MNIST / MNIST from IDX files on disk: images as uint8 NHWC (scaled to [0, 1] per batch), labels, class names.
// The checks and layout are idx_dataset.ts's, which a page uses on fetched bytes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from '../data/idx.js';
import { DataError } from '../errors.js';
import { idxDataset, idxSplit } from '../data/idx_dataset.js';
import type { Split, Dataset } from '../data/split.js';

export const defaultDataDir = '/usr/share/datasets/fashion-mnist';

export { fashionMnistClasses, digitClasses } from '../data/split.js';
export type { Split, Dataset } from '../data/split.js';

/** The file of a split, with or without .gz. */
function splitFile(dir: string, prefix: 'train' | 't10k', kind: 'images-idx3' | 'labels-idx1'): string {
  const base = join(dir, `${prefix}-${kind}-ubyte`);
  return existsSync(`${base}.gz`) || !existsSync(base) ? `${base}.gz` : base;
}

function loadSplit(dir: string, prefix: 'train' | 't10k', limit?: number): Split {
  const imageFile = splitFile(dir, prefix, 'images-idx3');
  const labelFile = splitFile(dir, prefix, 'labels-idx1');
  return idxSplit(readIdx(imageFile, 3), readIdx(labelFile, 1), imageFile, labelFile, limit);
}

export interface LoadOptions {
  dir?: string;
  limit?: number;
  testLimit?: number;
}

/** Whether `dir` holds IDX files laid out as Fashion-MNIST's. */
export const hasIdxFiles = (dir: string): boolean => existsSync(splitFile(dir, 'train', 'images-idx3'));

export function loadDataset({ dir = defaultDataDir, limit, testLimit }: LoadOptions = {}): Dataset {
  if (!existsSync(dir)) {
    const hint = dir === defaultDataDir ? ' (install Debian\'s dataset-fashion-mnist, or pass --data DIR)' : ' (--data)';
    throw new DataError(`data directory ${dir} does not exist${hint}`);
  }
  for (const [flag, value] of [['--limit', limit], ['--test-limit', testLimit]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new DataError(`${flag} must be a positive integer, got ${value}`);
  }
  const train = loadSplit(dir, 'train', limit);
  const test = loadSplit(dir, 't10k', testLimit);
  return idxDataset(dir, train, test);
}
