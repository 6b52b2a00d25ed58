// Seeded shuffling, batching and augmentation (random crop with padding, horizontal flip) on the CPU side.
import type { Split } from '../platform/idx_files.js';
import type { Rng } from '../rng.js';

export interface Augmentation {
  /** Pad by this many pixels, then crop back at a random offset (0: off). */
  cropPadding: number;
  /** Mirror left-right with probability ½. */
  flip: boolean;
}

export interface Batch {
  /** NHWC float32 holding the pixel bytes 0–255: inputTensor(…, 255) scales them to [0, 1] on the device, since a
   * per-element loop in JavaScript costs ~10× the typed-array copy that converts bytes to floats natively. */
  x: Float32Array;
  labels: Int32Array;
  size: number;
}

/** Indexes of one epoch, shuffled with the run's RNG (so a resumed run sees the same order). */
export function epochOrder(count: number, rng: Rng, shuffle: boolean): Int32Array {
  if (shuffle) return rng.permutation(count);
  return Int32Array.from({ length: count }, (_, i) => i);
}

/** uint8 pixels → float32 0–255 (TypedArray conversion, done natively). */
export const toFloat = (src: Uint8Array): Float32Array => new Float32Array(src);

function copyAugmented(src: Uint8Array, dst: Float32Array, offset: number, h: number, w: number, c: number, aug: Augmentation, rng: Rng): void {
  const dy = aug.cropPadding ? rng.int(2 * aug.cropPadding + 1) - aug.cropPadding : 0;
  const dx = aug.cropPadding ? rng.int(2 * aug.cropPadding + 1) - aug.cropPadding : 0;
  const flip = aug.flip && rng.next() < 0.5;
  for (let y = 0; y < h; y++) {
    const sy = y + dy;
    for (let x = 0; x < w; x++) {
      const sx0 = flip ? w - 1 - x : x;
      const sx = sx0 + dx;
      const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
      for (let ch = 0; ch < c; ch++) dst[offset + (y * w + x) * c + ch] = inside ? src[(sy * w + sx) * c + ch] : 0;
    }
  }
}

/** Assembles the batch of `indexes[start..start+size)`; augmentation draws from `rng`. */
export function makeBatch(split: Split, indexes: Int32Array, start: number, size: number, aug: Augmentation | undefined, rng: Rng): Batch {
  const [c, h, w] = split.shape;
  const pixels = c * h * w;
  const x = new Float32Array(size * pixels);
  const labels = new Int32Array(size);
  for (let b = 0; b < size; b++) {
    const i = indexes[start + b];
    labels[b] = split.labels[i];
    const image = split.images.subarray(i * pixels, (i + 1) * pixels);
    if (aug && (aug.cropPadding > 0 || aug.flip)) copyAugmented(image, x, b * pixels, h, w, c, aug, rng);
    else x.set(image, b * pixels);
  }
  return { x, labels, size };
}
