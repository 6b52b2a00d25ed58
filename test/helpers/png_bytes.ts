// Test helper: builds PNG files byte by byte (any bit depth, colour type, Adam7 interlacing), with correct or broken CRCs.
import { deflateSync } from 'node:zlib';

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data and a correct CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export interface PngSpec {
  width: number;
  height: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Row-major samples, `channels` per pixel, each within the bit depth (palette: indexes). */
  samples: number[];
  palette?: [number, number, number][];
  interlace?: boolean;
}

const channelsOf = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** One filtered (filter 0) scanline block for the pixels at (x0 + k·dx, y0 + j·dy). */
function scanlines(s: PngSpec, x0: number, y0: number, dx: number, dy: number): Buffer[] {
  const channels = channelsOf[s.colorType];
  const rows: Buffer[] = [];
  for (let y = y0; y < s.height; y += dy) {
    const values: number[] = [];
    for (let x = x0; x < s.width; x += dx) for (let c = 0; c < channels; c++) values.push(s.samples[(y * s.width + x) * channels + c]);
    if (values.length === 0) continue;
    const bits = values.length * s.depth;
    const row = Buffer.alloc(1 + Math.ceil(bits / 8));
    values.forEach((v, i) => {
      if (s.depth === 16) row.writeUInt16BE(v, 1 + 2 * i);
      else if (s.depth === 8) row[1 + i] = v;
      else row[1 + ((i * s.depth) >> 3)] |= v << (8 - s.depth - ((i * s.depth) & 7));
    });
    rows.push(row);
  }
  return rows;
}

const adam7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

export function pngBytes(s: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.depth;
  ihdr[9] = s.colorType;
  ihdr[12] = s.interlace ? 1 : 0;
  const rows = s.interlace ? adam7.flatMap(([x0, y0, dx, dy]) => scanlines(s, x0, y0, dx, dy)) : scanlines(s, 0, 0, 1, 1);
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (s.palette) parts.push(pngChunk('PLTE', Buffer.from(s.palette.flat())));
  parts.push(pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** The same PNG with one bit of the IDAT chunk's CRC flipped. */
export function withBadCrc(png: Buffer): Buffer {
  const out = Buffer.from(png);
  let pos = 8;
  while (pos < out.length) {
    const length = out.readUInt32BE(pos);
    if (out.toString('ascii', pos + 4, pos + 8) === 'IDAT') {
      out[pos + 8 + length] ^= 1;
      return out;
    }
    pos += 12 + length;
  }
  throw new Error('no IDAT chunk');
}
