// Per-channel pixel statistics for --normalize: Fashion-MNIST's published values, or the training split's own.
import type { Split } from '../platform/idx_files.js';

/** Standardization (x − mean[c]) / std[c], per input channel, on pixels in [0, 1]. */
export interface Normalization {
  mean: number[];
  std: number[];
}

export type NormalizeMode = 'auto' | 'fashion-mnist' | 'none';
export const normalizeChoices = ['auto', 'fashion-mnist', 'none'] as const;

/** Fashion-MNIST's pixel mean and standard deviation (the old --normalize flag). */
export const fashionMnistNormalization: Normalization = { mean: [0.286], std: [0.353] };

/** Mean and (population) standard deviation of each channel over every pixel of the split, in [0, 1] units. */
export function channelStats(split: Split): Normalization {
  const c = split.shape[0];
  // Histograms per channel: exact sums without float drift, whatever the image count.
  const histograms = Array.from({ length: c }, () => new Float64Array(256));
  const { images } = split;
  for (let i = 0; i < images.length; i += c) for (let ch = 0; ch < c; ch++) histograms[ch][images[i + ch]]++;
  const mean: number[] = [];
  const std: number[] = [];
  for (const h of histograms) {
    let n = 0;
    let sum = 0;
    let squares = 0;
    h.forEach((count, v) => ((n += count), (sum += count * v), (squares += count * v * v)));
    const m = sum / Math.max(1, n);
    const variance = Math.max(0, squares / Math.max(1, n) - m * m);
    mean.push(+(m / 255).toFixed(6));
    // A constant channel would divide by zero: fall back to 1 (no scaling), as a user would.
    std.push(variance > 0 ? +(Math.sqrt(variance) / 255).toFixed(6) : 1);
  }
  return { mean, std };
}

/** The normalization a mode asks for, with the channel count checked against Fashion-MNIST's one channel. */
export function normalizationFor(mode: NormalizeMode, train: Split): Normalization | undefined {
  if (mode === 'none') return undefined;
  if (mode === 'auto') return channelStats(train);
  const c = train.shape[0];
  return { mean: new Array(c).fill(fashionMnistNormalization.mean[0]), std: new Array(c).fill(fashionMnistNormalization.std[0]) };
}
