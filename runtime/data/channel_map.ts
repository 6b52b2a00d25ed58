// Maps a decoded image's channels onto the network's input channels: gray→RGB replicates, RGB→gray by ITU-R 601.
import type { DecodedImage } from './decode_image.js';
import { DataError } from '../errors.js';

/** ITU-R BT.601 luma weights (what PIL's convert('L') uses). */
export const luma601 = [0.299, 0.587, 0.114] as const;

/** Checks that images can feed `channels` input channels; `where` names the network's input line in the error. */
export function checkMappable(channels: number, where: string): void {
  if (channels !== 1 && channels !== 3) {
    throw new DataError(`${where}: the network takes ${channels} input channels, but images map only to 1 (gray) or 3 (RGB); change the input line to [1, …] or [3, …]`);
  }
}

/** The image as float pixels in [0, 1], HWC with `channels` (1 or 3) channels. */
export function mapChannels(image: DecodedImage, channels: number, where: string): Float32Array {
  checkMappable(channels, where);
  const pixels = image.width * image.height;
  const out = new Float32Array(pixels * channels);
  const src = image.data;
  if (image.channels === channels) {
    for (let i = 0; i < out.length; i++) out[i] = src[i] / 255;
  } else if (image.channels === 1) {
    for (let i = 0; i < pixels; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = src[i] / 255;
  } else {
    for (let i = 0; i < pixels; i++) out[i] = (luma601[0] * src[3 * i] + luma601[1] * src[3 * i + 1] + luma601[2] * src[3 * i + 2]) / 255;
  }
  return out;
}
