// safetensors files on disk: read with the header validated before the data is trusted, written atomically.
import { readFileSync, statSync } from 'node:fs';
import { DataError } from '../errors.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsFile, type TensorMap } from './safetensors.js';
import { writeFileAtomic } from './atomic_file.js';

export function readSafetensorsFile(path: string): SafetensorsFile {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new DataError(`${path}: not a regular file`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return decodeSafetensors(bytes, path);
}

export function writeSafetensorsFile(path: string, tensors: TensorMap, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, [encodeSafetensors(tensors, metadata)]);
}
