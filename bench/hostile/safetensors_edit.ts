// Reads and rewrites safetensors files byte by byte, so a case can corrupt exactly one thing.
import { readFileSync, writeFileSync } from 'node:fs';

export interface TensorEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsParts {
  header: Record<string, TensorEntry | Record<string, string>>;
  /** The bytes after the header. */
  data: Buffer;
}

export function readParts(path: string): SafetensorsParts {
  const bytes = readFileSync(path);
  const length = Number(bytes.readBigUInt64LE(0));
  return { header: JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')), data: bytes.subarray(8 + length) };
}

export function writeParts(path: string, parts: SafetensorsParts): void {
  const json = Buffer.from(JSON.stringify(parts.header), 'utf8');
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  writeFileSync(path, Buffer.concat([size, json, parts.data]));
}

export const tensorNames = (parts: SafetensorsParts) => Object.keys(parts.header).filter((k) => k !== '__metadata__');
export const entry = (parts: SafetensorsParts, name: string) => parts.header[name] as TensorEntry;

/** Every F32 tensor's values, by name. */
export function floatTensors(path: string): Map<string, { shape: number[]; data: number[] }> {
  const parts = readParts(path);
  const out = new Map<string, { shape: number[]; data: number[] }>();
  for (const name of tensorNames(parts)) {
    const e = entry(parts, name);
    const [a, b] = e.data_offsets;
    const copy = Buffer.from(parts.data.subarray(a, b));
    out.set(name, { shape: e.shape, data: Array.from(new Float32Array(copy.buffer, copy.byteOffset, (b - a) / 4)) });
  }
  return out;
}

export const allFinite = (path: string) => [...floatTensors(path).values()].every((t) => t.data.every(Number.isFinite));
