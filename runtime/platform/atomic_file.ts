// Writes a file so that a crash leaves either the old or the new file, never half of one:
// a temp file beside it, fsync, rename over it, fsync the directory. A failed write removes its temp file and
// is a one-line FileSystemError naming the path (ENOSPC, EROFS, …).
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fsError } from './fs_errors.js';

/** The temp file beside `path` that this process writes first: `model.safetensors.tmp-<pid>`. */
export const tempPathFor = (path: string, pid = process.pid): string => `${path}.tmp-${pid}`;

/** `model.safetensors.tmp-4242` → 4242 (the writer's pid); undefined for other names. */
export function tempFileOwner(name: string): number | undefined {
  const match = /\.tmp-(\d+)$/.exec(basename(name));
  return match ? Number(match[1]) : undefined;
}

export function writeFileAtomic(path: string, chunks: Uint8Array[]): void {
  const temp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    for (const chunk of chunks) {
      // writeSync may write less than asked (a signal, a pipe): go on until the chunk is written.
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw fsError(error, path, 'write it');
  }
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
