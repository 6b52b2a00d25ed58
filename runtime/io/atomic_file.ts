// Writes a file so that a crash leaves either the old or the new file, never half of one:
// a temp file beside it, fsync, rename over it, fsync the directory.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(path: string, chunks: Uint8Array[]): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir); // the rename itself reaches the disk
    } finally {
      closeSync(dir);
    }
  } catch {
    // some filesystems do not fsync directories; the rename is still atomic
  }
}
