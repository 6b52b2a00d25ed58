// Decodes one image file's bytes — PNG (pngjs), JPEG (jpeg-js), PGM — into 8-bit gray or RGB pixels, or says why not.
import { crc32 } from '../platform/zlib.js';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { DataError } from '../errors.js';
import { pngProblem } from './png_structure.js';

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (gray) or 3 (RGB); an alpha channel is dropped, as PIL's convert('RGB') does. */
  channels: 1 | 3;
  /** Row-major, interleaved channels, 0–255. */
  data: Uint8Array;
}

/** Bigger images are refused rather than decoded (jpeg-js's own limit is 100 MP). */
const maxPixels = 1 << 26;

export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | 'pgm' | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 2 && bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x32)) return 'pgm';
  return undefined;
}

/** A library's error message as a short reason: "bad CRC", "truncated", … */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/crc/i.test(message)) return 'bad CRC';
  if (/unexpected end|end of (input|data)|truncat|out of bounds|premature/i.test(message)) return 'truncated';
  return message.split('\n')[0].replace(/\.$/, '').toLowerCase();
}

/** Decodes `bytes` (named `path` in errors); throws a one-line DataError for anything unreadable. */
export function decodeImage(path: string, bytes: Uint8Array): DecodedImage {
  const kind = imageKind(bytes);
  if (kind === 'png') return decodePng(path, bytes);
  if (kind === 'jpeg') return decodeJpeg(path, bytes);
  if (kind === 'pgm') return decodePgm(path, bytes);
  throw new DataError(`${path}: not a PNG, JPEG or PGM image`);
}

function fromRgba(width: number, height: number, rgba: Uint8Array, color: boolean): DecodedImage {
  const pixels = width * height;
  const channels = color ? 3 : 1;
  const data = new Uint8Array(pixels * channels);
  for (let i = 0; i < pixels; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = rgba[i * 4 + c];
  return { width, height, channels, data };
}

function decodePng(path: string, bytes: Uint8Array): DecodedImage {
  // pngjs accepts missing or garbage image data (zeros), reports bad IHDRs as odd internal errors and inflates
  // interlaced images without a bound: the structure is checked first, with the inflated size bounded by the IHDR.
  const problem = pngProblem(bytes, maxPixels);
  if (problem) throw new DataError(`${path}: unreadable PNG (${problem})`);
  let png: PNG;
  try {
    // checkCRC: a damaged file is an error, never silently different pixels. Output: 8-bit RGBA, any input format.
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { checkCRC: true });
  } catch (error) {
    throw new DataError(`${path}: unreadable PNG (${badChunk(bytes) ?? reason(error)})`);
  }
  // Palette images count as RGB; gray (with or without alpha) stays one channel.
  const meta = png as unknown as { color?: boolean; palette?: boolean };
  return fromRgba(png.width, png.height, png.data, Boolean(meta.color || meta.palette));
}

/** pngjs's sync reader reports a failed CRC check as "unrecognised content at end of stream"; on that error path,
 * walk the chunks to name the real cause (zlib.crc32: Node ≥ 20.15; older Nodes keep pngjs's message). */
function badChunk(bytes: Uint8Array): string | undefined {
  if (!crc32) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let pos = 8; pos + 12 <= bytes.length; ) {
    const length = view.getUint32(pos);
    if (pos + 12 + length > bytes.length) return 'truncated';
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== view.getUint32(pos + 8 + length)) return `bad CRC in the ${type} chunk`;
    if (type === 'IEND') return undefined;
    pos += 12 + length;
  }
  return 'truncated';
}

function decodeJpeg(path: string, bytes: Uint8Array): DecodedImage {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 512 });
  } catch (error) {
    // jpeg-js names a cut-off file by whatever marker it then misreads ("unknown jpeg marker 0").
    const cut = bytes.length < 4 || bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9;
    throw new DataError(`${path}: unreadable JPEG (${cut ? 'truncated: no end-of-image marker' : reason(error)})`);
  }
  if (!(image.width > 0 && image.height > 0)) throw new DataError(`${path}: unreadable JPEG (no image data)`);
  // jpeg-js writes gray JPEGs as R = G = B; such an image is kept as one channel.
  const { data } = image;
  let gray = true;
  for (let i = 0; i < data.length && gray; i += 3) gray = data[i] === data[i + 1] && data[i] === data[i + 2];
  if (!gray) return { width: image.width, height: image.height, channels: 3, data };
  const out = new Uint8Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * 3];
  return { width: image.width, height: image.height, channels: 1, data: out };
}

/** PGM (P5 binary, P2 text): hand-written — no maintained npm decoder, and the format is a header and raw samples. */
function decodePgm(path: string, bytes: Uint8Array): DecodedImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const binary = buf[1] === 0x35;
  let pos = 2;
  const fields: number[] = [];
  // Header: width, height, maxval — white space and #-comments between them.
  while (fields.length < 3) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      continue;
    }
    const start = pos;
    while (pos < buf.length && buf[pos] >= 0x30 && buf[pos] <= 0x39) pos++;
    if (start === pos) throw new DataError(`${path}: malformed PGM header`);
    fields.push(Number(buf.toString('ascii', start, pos)));
  }
  const [width, height, maxval] = fields;
  if (!(width > 0 && height > 0 && maxval > 0 && maxval < 65536) || width * height > maxPixels) throw new DataError(`${path}: unsupported PGM size or maxval`);
  const data = new Uint8Array(width * height);
  const scale = (v: number) => Math.round((v / maxval) * 255);
  const overMax = (v: number, i: number) => new DataError(`${path}: PGM sample ${i} is ${v}, above the maxval ${maxval}`);
  if (binary) {
    // Exactly one white-space byte separates maxval from the samples.
    if (!/\s/.test(String.fromCharCode(buf[pos] ?? 0))) throw new DataError(`${path}: malformed PGM header (no white space after maxval)`);
    pos++;
    const wide = maxval > 255;
    if (buf.length - pos < data.length * (wide ? 2 : 1)) throw new DataError(`${path}: truncated PGM data`);
    for (let i = 0; i < data.length; i++) {
      const v = wide ? buf.readUInt16BE(pos + 2 * i) : buf[pos + i];
      if (v > maxval) throw overMax(v, i);
      data[i] = scale(v);
    }
  } else {
    const text = buf.toString('latin1', pos).replace(/#[^\n]*/g, ' ').trim();
    const tokens = text === '' ? [] : text.split(/\s+/);
    if (tokens.length < data.length) throw new DataError(`${path}: truncated PGM data (${tokens.length} of ${data.length} samples)`);
    for (let i = 0; i < data.length; i++) {
      // A sample is a decimal integer: Number() would also take "1.5", "-1", "0x10" and "1e3".
      if (!/^[0-9]{1,5}$/.test(tokens[i])) throw new DataError(`${path}: PGM sample ${i} is ${JSON.stringify(tokens[i].slice(0, 20))}, not a whole number`);
      const v = Number(tokens[i]);
      if (v > maxval) throw overMax(v, i);
      data[i] = scale(v);
    }
  }
  return { width, height, channels: 1, data };
}
