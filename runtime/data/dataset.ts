// Fashion-MNIST / MNIST from IDX files: images as uint8 NHWC (scaled to [0, 1] per batch), labels, class names.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from './idx.js';
import { DataError } from '../errors.js';

export const defaultDataDir = '/usr/share/datasets/fashion-mnist';

export const fashionMnistClasses = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
const digitClasses = Array.from({ length: 10 }, (_, i) => String(i));

export interface Split {
  /** NHWC pixels 0–255 (a quarter of float32's memory; batches scale them to [0, 1]). */
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  /** [C, H, W] of one image. */
  shape: [number, number, number];
}

export interface Dataset {
  dir: string;
  /** IDX files (Fashion-MNIST's layout) or an image folder (torchvision's ImageFolder layout). */
  kind: 'idx' | 'image-folder';
  train: Split;
  /** The split accuracy is reported on: the test split, or the images --val-split held out of train. */
  test: Split;
  evalSplit: 'test' | 'validation';
  /** The fraction held out of train with --val-split (and the seed that chose it). */
  valSplit?: { fraction: number; seed: number };
  classNames: string[];
}

/** The file of a split, with or without .gz. */
function splitFile(dir: string, prefix: 'train' | 't10k', kind: 'images-idx3' | 'labels-idx1'): string {
  const base = join(dir, `${prefix}-${kind}-ubyte`);
  return existsSync(`${base}.gz`) || !existsSync(base) ? `${base}.gz` : base;
}

function loadSplit(dir: string, prefix: 'train' | 't10k', limit?: number): Split {
  const imageFile = splitFile(dir, prefix, 'images-idx3');
  const labelFile = splitFile(dir, prefix, 'labels-idx1');
  const images = readIdx(imageFile, 3);
  const labels = readIdx(labelFile, 1);
  if (images.dims[0] !== labels.dims[0]) {
    throw new DataError(`${imageFile} holds ${images.dims[0]} images but ${labelFile} holds ${labels.dims[0]} labels`);
  }
  const badLabel = labels.data.findIndex((l) => l > 9);
  if (badLabel >= 0) throw new DataError(`${labelFile}: label ${labels.data[badLabel]} at index ${badLabel} is not a class 0–9`);
  const count = Math.min(images.dims[0], limit ?? Infinity);
  const [, h, w] = images.dims;
  return { images: images.data.slice(0, count * h * w), labels: Int32Array.from(labels.data.subarray(0, count)), count, shape: [1, h, w] };
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
  if (train.shape.join() !== test.shape.join()) throw new DataError(`${dir}: train images are ${train.shape.slice(1).join('×')} but test images are ${test.shape.slice(1).join('×')}`);
  return { dir, kind: 'idx', train, test, evalSplit: 'test', classNames: /fashion/i.test(dir) ? fashionMnistClasses : digitClasses };
}
