// The one way netc reads a file: stat first, refuse what is not a regular file, never block, never read more than a limit.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../errors.js';

/** A file that could not be read, with why (`reason`, e.g. "it is a FIFO (named pipe), not a regular file"). */
export class FileReadError extends UserError {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
  }
}

/** Limits used by the readers in netc (bytes). */
export const readLimits = {
  /** JSON side files: data.json, name maps, trial caches. */
  json: 64 * 1024 * 1024,
  /** One image file. */
  image: 64 * 1024 * 1024,
  /** A JSON state_dict: as long as a string may be in V8. */
  jsonWeights: 2 ** 29 - 24,
  /** IDX data, weights and checkpoints (compressed size on disk). */
  data: 4 * 1024 * 1024 * 1024 - 1,
} as const;

/** "512 bytes", "3.2 kB", "50.0 MB", "1.1 GB": decimal units, as `ls -lh --si` and file managers show them. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A limit as people write it: "4 MiB" for powers of two, else formatSize. */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return formatSize(bytes);
}

/** Why a system call on `path` failed, in words (the errno code in brackets for the unusual ones). */
export function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EIO':
      return 'an input/output error while reading it (EIO)';
    case 'EAGAIN':
      return 'reading it would block (EAGAIN): it is not a regular file';
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files (${code})`;
    case 'ENXIO':
      return 'no such device or address (ENXIO)';
    default:
      return code ? `cannot read it (${code})` : `cannot read it (${(error as Error).message.split('\n')[0]})`;
  }
}

/** Why a file of this type is not read, or undefined for a regular file. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'it is a directory, not a file';
  if (stats.isFIFO()) return 'it is a FIFO (named pipe), not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  if (stats.isCharacterDevice()) return 'it is a character device, not a regular file';
  if (stats.isBlockDevice()) return 'it is a block device, not a regular file';
  return 'not a regular file';
}

const tooLarge = (size: string, limit: string) => `the file is ${size}; the limit is ${limit}`;

/**
 * Reads a whole regular file of at most `limit` bytes. Throws FileReadError (a UserError: one line, naming the
 * path) for a missing file, a directory, a FIFO, socket or device, a symlink loop, a file over the limit (with its
 * real size) or a failing read. Opened with O_NONBLOCK, so a file swapped for a FIFO after the stat cannot hang;
 * at most limit + 1 bytes are ever read (files such as /proc's report size 0).
 */
export function readBounded(path: string, limit: number, limitText = formatLimit(limit)): Buffer {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new FileReadError(path, errnoReason(error));
  }
  const refused = notRegular(stats);
  if (refused) throw new FileReadError(path, refused);
  if (stats.size > limit) throw new FileReadError(path, tooLarge(formatSize(stats.size), limitText));
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new FileReadError(path, errnoReason(error));
  }
  try {
    const opened = fstatSync(fd);
    const changed = notRegular(opened);
    if (changed) throw new FileReadError(path, changed);
    // One buffer of the stated size + 1 (so the end is seen without a copy), grown by doubling where the size is
    // wrong: a file may grow while read, /proc files say 0. Never from the shared pool: callers may view .buffer.
    let buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(opened.size + 1, limit + 1)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const grown = Buffer.allocUnsafeSlow(Math.min(Math.max(buffer.length * 2, 4096), limit + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, total, buffer.length - total, null);
      } catch (error) {
        throw new FileReadError(path, errnoReason(error));
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw new FileReadError(path, tooLarge(`more than ${limitText}`, limitText));
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/** readBounded as UTF-8 text. */
export function readBoundedText(path: string, limit: number, limitText?: string): string {
  return readBounded(path, limit, limitText).toString('utf8');
}

/** readBounded, then JSON.parse; a parse error is a FileReadError naming the file ("not valid JSON (…)"). */
export function readBoundedJson(path: string, limit: number = readLimits.json): unknown {
  const text = readBoundedText(path, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FileReadError(path, `not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}
