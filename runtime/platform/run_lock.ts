// A directory's lock file (DIR/.lock, created with O_EXCL: pid, host, start time), stale locks of dead processes
// taken over, and release on every exit of the process (normal, error, signal — SIGKILL leaves a stale lock).
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { fsError } from './fs_errors.js';

export const LOCK_FILE = '.lock';

/** What a lock file holds (JSON, one line). */
export interface LockInfo {
  pid: number;
  host: string;
  /** When the lock was taken (ISO time). */
  started: string;
  /** The process's start time in clock ticks since boot (/proc/PID/stat), so a reused pid is not mistaken for the holder. */
  processStart?: string;
  command?: string;
}

/** Another live process holds the lock. */
export class LockedError extends UserError {}

/** A process's start time from /proc (Linux), or undefined where there is none. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `info` still runs (on this host; a lock of another host is assumed alive). */
export function holderAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: no such process
  }
  const start = processStart(info.pid);
  return !(info.processStart && start && start !== info.processStart); // the pid now belongs to another process
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info?.pid === 'number' && typeof info.host === 'string' ? info : undefined;
  } catch {
    return undefined; // being written this instant, or not a netc lock
  }
}

function olderThan(path: string, ms: number): boolean {
  try {
    return statSync(path).mtimeMs < Date.now() - ms;
  } catch {
    return true; // gone meanwhile
  }
}

/** Creates the lock file with O_EXCL; false when it exists. Writing it also proves the directory is writable. */
function create(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fsError(error, dirname(path), `write into it (creating ${basename(path)})`);
  }
  try {
    writeSync(fd, JSON.stringify(info) + '\n');
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // the write's error is the one to report
    }
    throw fsError(error, dirname(path), `write into it (writing ${basename(path)})`);
  }
  closeSync(fd);
  return true;
}

export interface DirectoryLock {
  readonly path: string;
  /** Set when a stale lock of a dead process was taken over: a note to print. */
  readonly tookOver?: string;
  /** Removes the lock file if it is still this process's (idempotent; also runs on process exit). */
  release(): void;
}

/** Takes `dir/.lock` (the directory must exist), or throws LockedError naming the holder. */
export function lockDirectory(dir: string, command?: string): DirectoryLock {
  const path = join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), processStart: processStart(process.pid), ...(command ? { command } : {}) };
  let tookOver: string | undefined;
  if (!create(path, info)) {
    const holder = readLock(path);
    if (holder && holderAlive(holder)) {
      const where = holder.host === info.host ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
      throw new LockedError(`${dir}: another netc process (${where}, since ${holder.started}) is using this run directory; wait for it, or remove ${path} if that process is gone`);
    }
    if (!holder && !olderThan(path, 10_000)) {
      // Unreadable: a lock being written this instant (or damaged). One that stays unreadable for 10 s is stale.
      throw new LockedError(`${dir}: ${path} exists but is not a readable netc lock yet; retry, or remove it if no netc process is using the directory`);
    }
    // The holder is dead (killed, or the machine restarted), or its lock was never written: take over.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(error, path, 'remove the stale lock');
    }
    if (!create(path, info)) {
      const winner = readLock(path);
      throw new LockedError(`${dir}: another netc process (pid ${winner?.pid ?? '?'}) took this run directory's stale lock first`);
    }
    tookOver = holder ? `took over the stale lock of pid ${holder.pid} (started ${holder.started}; that process is gone)` : `took over an unreadable stale lock`;
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readLock(path)?.pid !== process.pid) return; // someone else's now: leave it
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path, tookOver, release };
}
