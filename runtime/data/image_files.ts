// PNG and PGM images for `netc predict`, decoded without dependencies into grayscale [0, 1] pixels.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { DataError } from '../errors.js';

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major, [0, 1]. */
  pixels: Float32Array;
}

export function readImage(path: string): GrayImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DataError(`${path}: cannot read the image`);
  }
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return decodePng(path, bytes);
  if (bytes.length >= 2 && bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x32)) return decodePgm(path, bytes);
  throw new DataError(`${path}: not a PNG or PGM image`);
}

function decodePgm(path: string, bytes: Buffer): GrayImage {
  const binary = bytes[1] === 0x35;
  let pos = 2;
  const fields: number[] = [];
  // Header: width, height, maxval — white space and #-comments between them.
  while (fields.length < 3) {
    while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    if (bytes[pos] === 0x23) {
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      continue;
    }
    const start = pos;
    while (pos < bytes.length && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos++;
    if (start === pos) throw new DataError(`${path}: malformed PGM header`);
    fields.push(Number(bytes.toString('ascii', start, pos)));
  }
  const [width, height, maxval] = fields;
  if (!(width > 0 && height > 0 && maxval > 0 && maxval < 65536) || width * height > 1 << 26) throw new DataError(`${path}: unsupported PGM size or maxval`);
  const pixels = new Float32Array(width * height);
  if (binary) {
    pos++;
    const wide = maxval > 255;
    if (bytes.length - pos < pixels.length * (wide ? 2 : 1)) throw new DataError(`${path}: truncated PGM data`);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (wide ? bytes.readUInt16BE(pos + 2 * i) : bytes[pos + i]) / maxval;
  } else {
    const values = bytes.toString('ascii', pos).replace(/#[^\n]*/g, ' ').trim().split(/\s+/).map(Number);
    if (values.length < pixels.length) throw new DataError(`${path}: truncated PGM data`);
    for (let i = 0; i < pixels.length; i++) pixels[i] = values[i] / maxval;
  }
  return { width, height, pixels };
}

function decodePng(path: string, bytes: Buffer): GrayImage {
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('ascii', pos + 4, pos + 8);
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (data.length < length) throw new DataError(`${path}: truncated PNG (${type} chunk)`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colorType = data[9];
      if (data[12] !== 0) throw new DataError(`${path}: interlaced PNGs are not supported`);
    } else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels || !(depth === 8 || depth === 16) || (colorType === 3 && depth !== 8)) throw new DataError(`${path}: PNG color type ${colorType} at ${depth} bits is not supported (use 8- or 16-bit gray, RGB or RGBA)`);
  if (width === 0 || height === 0 || width * height > 1 << 26) throw new DataError(`${path}: unsupported PNG size`);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    throw new DataError(`${path}: corrupt PNG image data`);
  }
  const bpp = channels * (depth / 8);
  const stride = width * bpp;
  if (raw.length < height * (stride + 1)) throw new DataError(`${path}: truncated PNG image data`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const pixels = new Float32Array(width * height);
  const sample = (i: number, ch: number) => (depth === 16 ? out.readUInt16BE((i * channels + ch) * 2) / 65535 : out[i * channels + ch] / 255);
  for (let i = 0; i < pixels.length; i++) {
    if (colorType === 3) {
      const idx = out[i];
      const rgb = palette ? [palette[idx * 3], palette[idx * 3 + 1], palette[idx * 3 + 2]] : [0, 0, 0];
      pixels[i] = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255;
    } else if (channels >= 3) pixels[i] = 0.299 * sample(i, 0) + 0.587 * sample(i, 1) + 0.114 * sample(i, 2);
    else pixels[i] = sample(i, 0);
  }
  return { width, height, pixels };
}

/** Resizes to height×width: box-filter averaging when shrinking (no aliasing), bilinear when enlarging. */
export function resizeGray(image: GrayImage, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  const sy = image.height / height;
  const sx = image.width / width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (sy >= 1 && sx >= 1) {
        let sum = 0;
        let n = 0;
        for (let yy = Math.floor(y * sy); yy < Math.min(image.height, Math.ceil((y + 1) * sy)); yy++)
          for (let xx = Math.floor(x * sx); xx < Math.min(image.width, Math.ceil((x + 1) * sx)); xx++) {
            sum += image.pixels[yy * image.width + xx];
            n++;
          }
        out[y * width + x] = n ? sum / n : 0;
      } else {
        const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
        const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const y0 = Math.floor(fy);
        const x0 = Math.floor(fx);
        const y1 = Math.min(image.height - 1, y0 + 1);
        const x1 = Math.min(image.width - 1, x0 + 1);
        const p = (yy: number, xx: number) => image.pixels[yy * image.width + xx];
        const top = p(y0, x0) * (1 - (fx - x0)) + p(y0, x1) * (fx - x0);
        const bottom = p(y1, x0) * (1 - (fx - x0)) + p(y1, x1) * (fx - x0);
        out[y * width + x] = top * (1 - (fy - y0)) + bottom * (fy - y0);
      }
    }
  }
  return out;
}
