// A Dataset from IDX arrays in memory (already gunzipped): the checks and layout loadDataset applies to files,
// for a page that fetched the bytes. Environment-neutral.
import { DataError } from '../errors.js';
import { parseIdx, type IdxArray } from './idx_format.js';
import { digitClasses, fashionMnistClasses, type Dataset, type Split } from './split.js';

/** One split from its parsed image and label arrays (named in errors), the first `limit` images at most. */
export function idxSplit(images: IdxArray, labels: IdxArray, imageName: string, labelName: string, limit?: number): Split {
  if (images.dims[0] !== labels.dims[0]) {
    throw new DataError(`${imageName} holds ${images.dims[0]} images but ${labelName} holds ${labels.dims[0]} labels`);
  }
  const badLabel = labels.data.findIndex((l) => l > 9);
  if (badLabel >= 0) throw new DataError(`${labelName}: label ${labels.data[badLabel]} at index ${badLabel} is not a class 0–9`);
  const count = Math.min(images.dims[0], limit ?? Infinity);
  const [, h, w] = images.dims;
  return { images: images.data.slice(0, count * h * w), labels: Int32Array.from(labels.data.subarray(0, count)), count, shape: [1, h, w] };
}

/** Both splits; class names are Fashion-MNIST's where the name says fashion, else digits (as loadDataset decides). */
export function idxDataset(dir: string, train: Split, test: Split): Dataset {
  if (train.shape.join() !== test.shape.join()) throw new DataError(`${dir}: train images are ${train.shape.slice(1).join('×')} but test images are ${test.shape.slice(1).join('×')}`);
  return { dir, kind: 'idx', train, test, evalSplit: 'test', classNames: /fashion/i.test(dir) ? fashionMnistClasses : digitClasses };
}

export interface IdxFiles {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/** The Dataset of four IDX files' bytes (gunzipped); `name` plays the part of the data directory (e.g. "fashion-mnist"). */
export function datasetFromIdx(files: IdxFiles, name: string): Dataset {
  const split = (images: Uint8Array, labels: Uint8Array, prefix: 'train' | 't10k') => {
    const [imageName, labelName] = [`${name}/${prefix}-images-idx3-ubyte`, `${name}/${prefix}-labels-idx1-ubyte`];
    return idxSplit(parseIdx(images, imageName, 3), parseIdx(labels, labelName, 1), imageName, labelName);
  };
  return idxDataset(name, split(files.trainImages, files.trainLabels, 'train'), split(files.testImages, files.testLabels, 't10k'));
}
