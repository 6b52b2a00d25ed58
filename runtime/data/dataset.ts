// Fashion-MNIST / MNIST from IDX files: images scaled to [0, 1] as NHWC float32, labels, class names.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from './idx.js';
import { DataError } from '../errors.js';

export const defaultDataDir = '/usr/share/datasets/fashion-mnist';

export const fashionMnistClasses = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
const digitClasses = Array.from({ length: 10 }, (_, i) => String(i));

export interface Split {
  /** NHWC float32 in [0, 1] (one channel: the same bytes as NCHW). */
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  /** [C, H, W] of one image. */
  shape: [number, number, number];
}

export interface Dataset {
  dir: string;
  train: Split;
  test: Split;
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
  const pixels = new Float32Array(count * h * w);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i] / 255;
  return { images: pixels, labels: labels.data.slice(0, count), count, shape: [1, h, w] };
}

export interface LoadOptions {
  dir?: string;
  limit?: number;
  testLimit?: number;
}

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
  return { dir, train, test, classNames: /fashion/i.test(dir) ? fashionMnistClasses : digitClasses };
}
