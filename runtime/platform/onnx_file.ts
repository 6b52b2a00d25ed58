// An exported ONNX model on disk: written atomically; a path that cannot be written is a one-line DataError.
import { statSync } from 'node:fs';
import { DataError } from '../errors.js';
import { writeFileAtomic } from './atomic_file.js';

export function writeOnnxFile(path: string, bytes: Uint8Array): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // not there yet: the usual case
  }
  if (isDirectory) throw new DataError(`${path}: is a directory (give the .onnx file to write)`);
  try {
    writeFileAtomic(path, [bytes]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(`${path}: cannot write it (${code === 'ENOENT' ? 'no such directory' : code ?? (error as Error).message})`);
  }
}
