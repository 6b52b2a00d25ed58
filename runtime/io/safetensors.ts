// safetensors (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
// ({name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}) padded with spaces
// to a multiple of 8, then one data buffer the offsets cover exactly, with no gaps or overlaps.
// Hand-written: the format is ~40 lines, the one npm package (safetensors@0.0.1) is unmaintained and does
// not validate, and what matters here is exactly the validation (truncation, overlaps, dtypes, header size).
import { DataError } from '../errors.js';
import { CHECKSUM_KEY, headerWithoutChecksum, safetensorsChecksum } from './safetensors_checksum.js';

/** Tensors by name: float32 values, row-major, in the shape given (PyTorch's layout for netc's weights). */
export type TensorMap = Map<string, { shape: number[]; data: Float32Array }>;

export interface SafetensorsFile {
  tensors: TensorMap;
  /** `__metadata__`: string → string (the format allows nothing else). */
  metadata: Record<string, string>;
  /** Each tensor's dtype as stored (`F32`, `I64`, …), before the conversion to float32. */
  dtypes: Map<string, string>;
}

/** The format's own limit on the JSON header (safetensors refuses larger ones). */
export const MAX_HEADER_BYTES = 100_000_000;

/** Bytes per element of the dtypes netc reads; all are converted to float32. */
const dtypeBytes: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** Serializes float32 tensors (in the map's order) and string metadata to safetensors bytes, with netc's checksum. */
export function encodeSafetensors(tensors: TensorMap, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    if (name === '__metadata__') throw new Error("a tensor cannot be named '__metadata__'");
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new Error(`tensor '${name}': ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const bytesOf = (t: { data: Float32Array }) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const checksum = safetensorsChecksum(JSON.stringify(header), [...tensors.values()].map(bytesOf));
  header.__metadata__ = { ...metadata, [CHECKSUM_KEY]: checksum };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded); // the format pads with spaces
  let at = 8 + padded;
  for (const t of tensors.values()) {
    out.set(bytesOf(t), at);
    at += t.data.byteLength;
  }
  return out;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * Parses and validates safetensors bytes; `what` names the file in every error. Values become float32. A file netc
 * wrote carries a checksum of its header and data, verified here (and left out of `metadata`); others have none.
 */
export function decodeSafetensors(bytes: Uint8Array, what: string): SafetensorsFile {
  const fail = (reason: string): never => {
    throw new DataError(`${what}: not a valid safetensors file (${reason})`);
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES)) fail(`the header claims ${headerLength} bytes, more than the format's ${MAX_HEADER_BYTES}`);
  const n = Number(headerLength);
  if (8 + n > bytes.length) fail(`truncated: the header claims ${n} bytes but the file has ${bytes.length - 8} after the length`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (error) {
    fail(`the header is not UTF-8 JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('the header is not a JSON object');
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: [string, HeaderEntry][] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('__metadata__ is not an object');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const e = value as Partial<HeaderEntry>;
    if (typeof e !== 'object' || e === null || typeof e.dtype !== 'string' || !Array.isArray(e.shape) || !Array.isArray(e.data_offsets) || e.data_offsets.length !== 2) {
      fail(`tensor '${name}' lacks dtype, shape or data_offsets`);
    }
    if (!e.shape!.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor '${name}' has shape ${JSON.stringify(e.shape)}`);
    if (!e.data_offsets!.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor '${name}' has data_offsets ${JSON.stringify(e.data_offsets)}`);
    const size = dtypeBytes[e.dtype!];
    if (size === undefined) fail(`tensor '${name}' has dtype ${e.dtype}; netc reads ${Object.keys(dtypeBytes).join(', ')}`);
    const [begin, end] = e.data_offsets!;
    if (end < begin) fail(`tensor '${name}' ends (${end}) before it begins (${begin})`);
    const elements = e.shape!.reduce((a, b) => a * b, 1);
    if (end - begin !== elements * size) fail(`tensor '${name}' [${e.shape!.join(', ')}] ${e.dtype} needs ${elements * size} bytes, its offsets cover ${end - begin}`);
    if (end > dataLength) fail(`truncated: tensor '${name}' ends at byte ${end} of a ${dataLength}-byte data buffer`);
    entries.push([name, e as HeaderEntry]);
  }
  // The offsets must tile the buffer exactly: sorted, each begins where the previous ended, the last ends at its end.
  const sorted = [...entries].sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0] || a[1].data_offsets[1] - b[1].data_offsets[1]);
  let expected = 0;
  for (const [name, e] of sorted) {
    const [begin, end] = e.data_offsets;
    if (begin < expected) fail(`tensor '${name}' overlaps the tensor before it (begins at ${begin}, before ${expected})`);
    if (begin > expected) fail(`bytes ${expected}–${begin} of the data buffer belong to no tensor`);
    expected = end;
  }
  if (expected !== dataLength) fail(`the tensors cover ${expected} bytes of a ${dataLength}-byte data buffer`);
  const stored = metadata[CHECKSUM_KEY];
  if (stored !== undefined) {
    const actual = safetensorsChecksum(headerWithoutChecksum(parsed as Record<string, unknown>), [bytes.subarray(dataStart)]);
    if (actual !== stored) fail(`damaged: the sha256 of its header and data does not match __metadata__["${CHECKSUM_KEY}"] (bytes were changed after netc wrote it)`);
    delete metadata[CHECKSUM_KEY];
  }
  const tensors: TensorMap = new Map();
  const dtypes = new Map<string, string>();
  for (const [name, e] of entries) {
    tensors.set(name, { shape: e.shape, data: toFloat32(bytes, dataStart + e.data_offsets[0], e) });
    dtypes.set(name, e.dtype);
  }
  return { tensors, metadata, dtypes };
}

const littleEndian = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;

function toFloat32(bytes: Uint8Array, at: number, e: HeaderEntry): Float32Array {
  const count = e.shape.reduce((a, b) => a * b, 1);
  // F32 on a little-endian host: one copy (the file's bytes are the values), ~10× faster than element by element.
  if (e.dtype === 'F32' && littleEndian) {
    const copy = new Uint8Array(count * 4); // a copy, not a view: a Node Buffer's slice shares its (pooled) memory
    copy.set(bytes.subarray(at, at + count * 4));
    return new Float32Array(copy.buffer);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * dtypeBytes[e.dtype]);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    switch (e.dtype) {
      case 'F32': out[i] = view.getFloat32(i * 4, true); break;
      case 'F64': out[i] = view.getFloat64(i * 8, true); break;
      case 'F16': out[i] = halfToFloat(view.getUint16(i * 2, true)); break;
      case 'BF16': out[i] = bfloat16ToFloat(view.getUint16(i * 2, true)); break;
      case 'I64': out[i] = Number(view.getBigInt64(i * 8, true)); break;
      case 'I32': out[i] = view.getInt32(i * 4, true); break;
      case 'I16': out[i] = view.getInt16(i * 2, true); break;
      case 'I8': out[i] = view.getInt8(i); break;
      default: out[i] = view.getUint8(i); // U8, BOOL
    }
  }
  return out;
}

const scratch = new DataView(new ArrayBuffer(4));
function bfloat16ToFloat(bits: number): number {
  scratch.setUint32(0, bits << 16);
  return scratch.getFloat32(0);
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
