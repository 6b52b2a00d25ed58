// Channel mapping and resizing: gray→RGB replicates, RGB→gray by ITU-R 601, other channel counts name the input line.
import test from 'ava';
import { mapChannels } from '../../../runtime/data/channel_map.js';
import { resizeImage } from '../../../runtime/data/resize_image.js';
import { DataError } from '../../../runtime/errors.js';

const round = (a: Float32Array, digits = 4) => [...a].map((v) => +v.toFixed(digits));

test('gray → RGB replicates the channel; same channels scale to [0, 1]', (t) => {
  const gray = { width: 2, height: 1, channels: 1 as const, data: Uint8Array.from([0, 255]) };
  t.deepEqual([...mapChannels(gray, 3, 'x')], [0, 0, 0, 1, 1, 1]);
  t.deepEqual([...mapChannels(gray, 1, 'x')], [0, 1]);
});

test('RGB → gray uses the ITU-R 601 weights 0.299, 0.587, 0.114', (t) => {
  const rgb = { width: 3, height: 1, channels: 3 as const, data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255]) };
  t.deepEqual(round(mapChannels(rgb, 1, 'x')), [0.299, 0.587, 0.114]);
});

test('an input of 2 or 4 channels is an error naming the input line', (t) => {
  const gray = { width: 1, height: 1, channels: 1 as const, data: Uint8Array.from([9]) };
  for (const c of [2, 4]) {
    const error = t.throws(() => mapChannels(gray, c, 'net.net:3:3 (input [2, 28, 28])'), { instanceOf: DataError });
    t.regex(error!.message, new RegExp(`^net\\.net:3:3 \\(input \\[2, 28, 28\\]\\): the network takes ${c} input channels, but images map only to 1 \\(gray\\) or 3 \\(RGB\\)`));
  }
});

test('resizing averages each channel when shrinking and interpolates when enlarging', (t) => {
  // 4×4, two channels: channel 0 is 0 on the left half and 1 on the right; channel 1 is its opposite.
  const pixels = Float32Array.from({ length: 32 }, (_, i) => ((i >> 1) % 4 < 2 ? 0 : 1) ^ (i & 1));
  t.deepEqual([...resizeImage({ width: 4, height: 4, channels: 2, pixels }, 2, 2)], [0, 1, 1, 0, 0, 1, 1, 0]);
  const up = resizeImage({ width: 2, height: 1, channels: 1, pixels: Float32Array.from([0, 1]) }, 1, 4);
  t.deepEqual(round(up, 2), [0, 0.25, 0.75, 1]);
  const rgbUp = resizeImage({ width: 2, height: 1, channels: 3, pixels: Float32Array.from([0, 1, 0.5, 1, 0, 0.5]) }, 1, 4);
  t.deepEqual(round(rgbUp, 3), [0, 1, 0.5, 0.25, 0.75, 0.5, 0.75, 0.25, 0.5, 1, 0, 0.5]);
});
