// Checks a PNG's structure before pngjs decodes it: chunks and CRCs, the IHDR fields, the palette, and image data
// that inflates to exactly what the IHDR implies (bounded by zlib's maxOutputLength, so a small file cannot cost GBs).
import { crc32, inflateBounded } from '../platform/zlib.js';

/** Row layout of each pass: [bytes per row without the filter byte, rows]; one pass, or Adam7's seven. */
function passes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): [number, number][] {
  const grid = interlaced ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] : [[0, 0, 1, 1]];
  return grid
    .map(([x0, y0, dx, dy]) => [Math.ceil(Math.max(0, width - x0) / dx), Math.ceil(Math.max(0, height - y0) / dy)])
    .filter(([w, h]) => w > 0 && h > 0)
    .map(([w, h]) => [Math.ceil((w * bitsPerPixel) / 8), h]);
}

const channelsOf: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const depthsOf: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export interface PngHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

/**
 * Why `bytes` (with the PNG signature) is not a PNG netc decodes, or undefined when it is sound. `maxPixels` bounds
 * width × height. Checked: chunk lengths and CRCs, IHDR first and 13 bytes long with valid fields, a palette where the
 * colour type needs one, IDAT present, IEND present; the image data inflates to the size the IHDR implies (never
 * further) and every scanline's filter type is 0–4. Palette indices are checked by pngjs while it decodes.
 */
export function pngProblem(bytes: Uint8Array, maxPixels: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let header: PngHeader | undefined;
  let paletteEntries = 0;
  const idat: Uint8Array[] = [];
  let ended = false;
  for (let pos = 8; !ended; ) {
    if (pos + 12 > bytes.length) return 'truncated';
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return `a damaged chunk header at byte ${pos}`;
    if (pos + 12 + length > bytes.length) return `truncated (the ${type} chunk needs ${length} bytes, ${bytes.length - pos - 12} remain)`;
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (crc32 && crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== view.getUint32(pos + 8 + length)) return `bad CRC in the ${type} chunk`;
    if (header === undefined && type !== 'IHDR') return `the first chunk is ${type}, not IHDR`;
    if (type === 'IHDR') {
      if (header) return 'a second IHDR chunk';
      if (length !== 13) return `the IHDR chunk is ${length} bytes long, not 13`;
      header = { width: view.getUint32(pos + 8), height: view.getUint32(pos + 12), depth: data[8], colorType: data[9], interlaced: data[12] === 1 };
      const problem = headerProblem(header, data, maxPixels);
      if (problem) return problem;
    } else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) return `a palette of ${length} bytes (expected 3 per entry, 1–256 entries)`;
      paletteEntries = length / 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    else if ((bytes[pos + 4] & 0x20) === 0) return `an unknown critical chunk ${type}`;
    pos += 12 + length;
  }
  if (!header) return 'no IHDR chunk';
  if (header.colorType === 3 && paletteEntries === 0) return 'a palette image without a PLTE chunk';
  if (idat.length === 0) return 'no image data (IDAT chunk)';
  return imageDataProblem(header, idat);
}

function headerProblem(h: PngHeader, data: Uint8Array, maxPixels: number): string | undefined {
  if (h.width === 0 || h.height === 0 || h.width > 0x7fffffff || h.height > 0x7fffffff) return `an image size of ${h.width}×${h.height}`;
  if (!(h.colorType in channelsOf)) return `colour type ${h.colorType} does not exist`;
  if (!depthsOf[h.colorType].includes(h.depth)) return `bit depth ${h.depth} is not allowed for colour type ${h.colorType}`;
  if (data[10] !== 0 || data[11] !== 0) return `compression method ${data[10]} / filter method ${data[11]} (only 0 exists)`;
  if (data[12] > 1) return `interlace method ${data[12]} (only 0 and 1 exist)`;
  if (h.width * h.height > maxPixels) return `${h.width}×${h.height} is too large (the limit is ${maxPixels.toLocaleString('en-US')} pixels); refused before inflating`;
  return undefined;
}

function imageDataProblem(h: PngHeader, idat: Uint8Array[]): string | undefined {
  const layout = passes(h.width, h.height, channelsOf[h.colorType] * h.depth, h.interlaced);
  const implied = layout.reduce((sum, [rowBytes, rows]) => sum + (rowBytes + 1) * rows, 0);
  let raw: Buffer;
  try {
    raw = inflateBounded(Buffer.concat(idat), implied);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return `the image data inflates to more than the ${implied.toLocaleString('en-US')} bytes its IHDR implies`;
    return `corrupt image data (${(error as Error).message.split('\n')[0].toLowerCase()})`;
  }
  if (raw.length < implied) return `truncated image data (${raw.length.toLocaleString('en-US')} of the ${implied.toLocaleString('en-US')} bytes its IHDR implies)`;
  let pos = 0;
  for (const [rowBytes, rows] of layout) {
    for (let row = 0; row < rows; row++, pos += rowBytes + 1) if (raw[pos] > 4) return `unknown filter type ${raw[pos]} on a scanline`;
  }
  return undefined;
}
