// The one place a file-system errno becomes a one-line user error naming the path (ENOSPC, EROFS, ENOTDIR, …).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

/** A file or directory netc could not write, create, remove or read; `code` is the errno name (ENOSPC, …). */
export class FileSystemError extends UserError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** What each errno means in words a user acts on. */
const reasons: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for the file system',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'no such file or directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error (the device failed)',
  EBUSY: 'the device or file is busy',
  ETXTBSY: 'the file is busy',
  EXDEV: 'it is on another file system',
};

/** For ENOTDIR: the nearest part of the path that exists and is not a directory (`/tmp/a` in `/tmp/a/b/c`). */
function fileInPath(path: string): string | undefined {
  for (let p = path, parent = dirname(p); parent !== p; p = parent, parent = dirname(p)) {
    try {
      if (!statSync(parent).isDirectory()) return parent;
    } catch {
      // not there either: go up
    }
  }
  return undefined;
}

/** Why `error` happened, in words: `no space left on the device (ENOSPC)`. */
export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOTDIR') {
    const file = fileInPath(path);
    return `${file ? `${file} is a file, not a directory` : 'a part of the path is not a directory'} (ENOTDIR)`;
  }
  if (code && reasons[code]) return `${reasons[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
}

/**
 * `error` from an fs call on `path` as a FileSystemError: `runs/x/model.safetensors: cannot write it: no space
 * left on the device (ENOSPC)`. A UserError passes through unchanged; anything that is not an errno is a bug and
 * is rethrown as it is.
 */
export function fsError(error: unknown, path: string, doing: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return error as Error;
  return new FileSystemError(`${path}: cannot ${doing}: ${describeFsError(error, path)}`, code);
}

/** Runs an fs call, turning its errno into a FileSystemError about `path`. */
export function withFsErrors<T>(path: string, doing: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw fsError(error, path, doing);
  }
}
