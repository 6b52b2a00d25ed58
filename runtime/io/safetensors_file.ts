// safetensors files on disk: read with the header validated before the data is trusted, written atomically.
import { DataError } from '../errors.js';
import { readBounded, readLimits } from '../platform/read_bounded.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsFile, type TensorMap } from './safetensors.js';
import { writeFileAtomic } from '../platform/atomic_file.js';

export function readSafetensorsFile(path: string): SafetensorsFile {
  let bytes: Buffer;
  try {
    bytes = readBounded(path, readLimits.data);
  } catch (error) {
    throw new DataError((error as Error).message);
  }
  return decodeSafetensors(bytes, path);
}

export function writeSafetensorsFile(path: string, tensors: TensorMap, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, [encodeSafetensors(tensors, metadata)]);
}
