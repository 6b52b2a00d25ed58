// Reads one image file (PNG, JPEG, PGM) from disk and fits it to a [C, H, W] input: channels mapped, resized.
import { DataError } from '../errors.js';
import { readBounded, readLimits } from '../platform/read_bounded.js';
import { decodeImage, type DecodedImage } from './decode_image.js';
import { mapChannels } from './channel_map.js';
import { resizeImage } from './resize_image.js';

export function readImage(path: string): DecodedImage {
  let bytes: Buffer;
  try {
    bytes = readBounded(path, readLimits.image);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  return decodeImage(path, bytes);
}

/** The image as float [0, 1] HWC pixels of `shape` [C, H, W]; `where` names the network's input line in errors. */
export function fitImage(image: DecodedImage, shape: readonly [number, number, number], where: string): Float32Array {
  const [c, h, w] = shape;
  return resizeImage({ width: image.width, height: image.height, channels: c, pixels: mapChannels(image, c, where) }, h, w);
}
