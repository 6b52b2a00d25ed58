// --val-split: a seeded, per-class (stratified) hold-out of the training split, so model selection never sees the test split.
import { Rng } from '../rng.js';
import { DataError } from '../errors.js';
import type { Split } from '../platform/idx_files.js';

/** The images of `split` at `indexes`, in that order. */
export function subset(split: Split, indexes: ArrayLike<number>): Split {
  const size = split.shape[0] * split.shape[1] * split.shape[2];
  const images = new Uint8Array(indexes.length * size);
  const labels = new Int32Array(indexes.length);
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k];
    images.set(split.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = split.labels[i];
  }
  return { images, labels, count: indexes.length, shape: split.shape };
}

/** Holds out round(fraction · n) images, spread over the classes in proportion (largest remainders), chosen with `seed`.
 * Both parts keep the original order, so batches are assembled the same way as without a split. */
export function holdOut(split: Split, fraction: number, seed: number): { train: Split; validation: Split } {
  if (!(fraction > 0 && fraction < 1)) throw new DataError(`--val-split must be a fraction between 0 and 1 (e.g. 0.2), got ${fraction}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < split.count; i++) {
    const list = byClass.get(split.labels[i]) ?? [];
    list.push(i);
    byClass.set(split.labels[i], list);
  }
  const labels = [...byClass.keys()].sort((a, b) => a - b);
  const total = Math.round(fraction * split.count);
  if (total === 0 || total === split.count) throw new DataError(`--val-split ${fraction} of ${split.count} training images leaves ${total === 0 ? 'no validation' : 'no training'} images`);
  // Each class gets floor(fraction · n); the images still missing go to the largest remainders.
  const quota = new Map(labels.map((l) => [l, Math.floor(fraction * byClass.get(l)!.length)]));
  const remainders = labels.map((l) => ({ l, r: fraction * byClass.get(l)!.length - quota.get(l)! })).sort((a, b) => b.r - a.r || a.l - b.l);
  let missing = total - [...quota.values()].reduce((a, b) => a + b, 0);
  for (const { l } of remainders) if (missing > 0) quota.set(l, quota.get(l)! + 1), missing--;
  const rng = new Rng(seed);
  const held = new Uint8Array(split.count);
  for (const label of labels) {
    const members = byClass.get(label)!;
    const order = rng.permutation(members.length);
    for (let k = 0; k < quota.get(label)!; k++) held[members[order[k]]] = 1;
  }
  const keep: number[] = [];
  const out: number[] = [];
  held.forEach((h, i) => (h ? out : keep).push(i));
  return { train: subset(split, keep), validation: subset(split, out) };
}
