// A run directory opened for training: created and proved writable, locked, refused when it already holds a run
// (unless resumed or forced), stale temp files of killed writers removed; metrics.jsonl one line per saved epoch.
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../errors.js';
import { CHECKPOINT_FILE, OPTIMIZER_FILE, checkpointPath } from './checkpoint_files.js';
import { LEGACY_CHECKPOINT_FILE } from '../io/checkpoint_v1.js';
import { DATA_INFO_FILE } from './data_info.js';
import { tempFileOwner, writeFileAtomic } from './atomic_file.js';
import { FileSystemError, fsError, withFsErrors } from './fs_errors.js';
import { lockDirectory, type DirectoryLock } from './run_lock.js';

export const METRICS_FILE = 'metrics.jsonl';
/** --trace-grad's heatmap (layers × traced steps). */
export const GRADIENTS_FILE = 'gradients.svg';
export const CURVES_FILE = 'curves.svg';
export const INIT_REPORT_FILE = 'init_report.json';

/** Every file netc writes into a run directory: all that --force removes. */
export const RUN_FILES = [CHECKPOINT_FILE, OPTIMIZER_FILE, LEGACY_CHECKPOINT_FILE, METRICS_FILE, CURVES_FILE, GRADIENTS_FILE, DATA_INFO_FILE, INIT_REPORT_FILE] as const;

/** What makes a directory a run that a new one would destroy: a checkpoint or metrics (data.json alone, left by a
 *  run stopped before its first epoch, is rewritten by the next run). */
export const RUN_MARKERS = [CHECKPOINT_FILE, OPTIMIZER_FILE, LEGACY_CHECKPOINT_FILE, METRICS_FILE] as const;

export interface RunDirectory {
  readonly dir: string;
  /** What opening did that the user should hear about (a stale lock taken over, files removed). */
  readonly notes: string[];
  /** Releases the lock and removes the directories opening created if nothing was written into them (also done on
   *  process exit, whatever the cause, except SIGKILL). */
  release(): void;
}

export interface OpenRunOptions {
  /** Continue the run in `dir`: it must exist (and hold a checkpoint, which the trainer reads). */
  resume?: boolean;
  /** Start over: netc's run files in `dir` are removed (nothing else). */
  force?: boolean;
}

const isTemp = (name: string) => {
  const pid = tempFileOwner(name);
  return pid !== undefined && (RUN_FILES as readonly string[]).includes(name.slice(0, name.lastIndexOf('.tmp-'))) ? pid : undefined;
};

/** Creates `dir` (with its parents) unless resuming; a file in the way or an unwritable parent is a one-line error. */
function ensureDirectory(dir: string, resume: boolean): string[] {
  let isDirectory: boolean | undefined;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw fsError(error, dir, 'use it as the run directory');
  }
  if (isDirectory === false) throw new FileSystemError(`${dir}: cannot use it as the run directory: it is a file`, 'ENOTDIR');
  if (isDirectory) return [];
  if (resume) throw new DataError(`${dir}: no such run directory to resume`);
  return makeDirectories(dir);
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports ENOENT where the real cause is EROFS or EACCES,
 * and each level's own errno names what is wrong.
 */
function makeDirectories(dir: string): string[] {
  const missing: string[] = [];
  for (let p = resolve(dir); !existsSync(p); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  const made: string[] = [];
  for (const p of missing) {
    try {
      mkdirSync(p);
      made.push(p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        removeIfEmpty(made);
        throw fsError(error, dir, 'create the run directory');
      }
    }
  }
  return made;
}

/** Removes the directories this process created if they are still empty (a run that failed before writing). */
function removeIfEmpty(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty (the run wrote something), or gone
    }
  }
}

/** Removes `name` from `dir` if it is there; returns its size (0 when absent). */
function remove(dir: string, name: string): number {
  const path = join(dir, name);
  let size = 0;
  try {
    size = lstatSync(path).size;
  } catch {
    return 0;
  }
  withFsErrors(path, 'remove it', () => unlinkSync(path));
  return size;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e5 ? 2 : 1)} MB`;

/**
 * Opens `dir` for a training run: creates it (unless resuming), takes its lock (which also proves it writable),
 * refuses a directory that already holds a run unless `resume` or `force`, and removes netc's temp files left by
 * killed writes. Throws one-line user errors; on any of them the lock is released again.
 */
export function openRunDirectory(dir: string, { resume = false, force = false }: OpenRunOptions = {}): RunDirectory {
  const created = ensureDirectory(dir, resume);
  let lock: DirectoryLock;
  try {
    lock = lockDirectory(dir, 'train');
  } catch (error) {
    removeIfEmpty(created);
    throw error;
  }
  // On any exit: the lock goes, and so do directories made for a run that failed before writing a file.
  const release = () => {
    process.off('exit', release);
    lock.release();
    removeIfEmpty(created);
  };
  process.on('exit', release);
  const notes: string[] = [];
  try {
    if (lock.tookOver) notes.push(`${dir}: ${lock.tookOver}`);
    const found = RUN_FILES.filter((name) => existsSync(join(dir, name)));
    const isRun = RUN_MARKERS.some((name) => found.includes(name));
    if (!resume && isRun && !force) throw new DataError(`${dir} already holds a run (${found.join(', ')}); continue it with --resume ${dir}, or start it over with --force (removes netc's run files there)`);
    if (!resume && force && found.length > 0) {
      found.forEach((name) => remove(dir, name));
      notes.push(`--force: removed ${found.join(', ')} from ${dir}`);
    }
    // The lock is ours, so every temp file of a run file is left by a killed write (its pid is gone or reused).
    const stale = withFsErrors(dir, 'list it', () => readdirSync(dir)).filter((name) => isTemp(name) !== undefined && isTemp(name) !== process.pid);
    if (stale.length > 0) {
      const bytes = stale.reduce((sum, name) => sum + remove(dir, name), 0);
      notes.push(`${dir}: removed ${stale.length} temp file${stale.length === 1 ? '' : 's'} left by a killed write (${megabytes(bytes)}: ${stale.join(', ')})`);
    }
  } catch (error) {
    release();
    throw error;
  }
  return { dir, notes, release };
}

/** Appends one epoch's line to metrics.jsonl — called only once that epoch's checkpoint is in place. */
export function appendMetrics(dir: string, metrics: object): void {
  const path = join(dir, METRICS_FILE);
  withFsErrors(path, 'append to it', () => appendFileSync(path, JSON.stringify(metrics) + '\n'));
}

/**
 * On resume: makes metrics.jsonl the checkpoint's history, one line per saved epoch (a kill between the
 * checkpoint and the append, or during the append, leaves a line missing or cut). Returns a note when it rewrote it.
 */
export function reconcileMetrics(dir: string, history: readonly object[]): string | undefined {
  const path = join(dir, METRICS_FILE);
  const want = history.map((m) => JSON.stringify(m));
  let lines: string[] = [];
  try {
    lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    // no metrics file: written from the history below
  }
  // --trace-grad's lines (no top-level epoch) are not epochs; those of saved epochs are kept in their places.
  const have = lines.filter((line) => !isTraceLine(line));
  if (have.length === want.length && have.every((line, i) => line === want[i])) return undefined;
  const traces = lines.filter((line) => isTraceLine(line) && traceEpoch(line) <= want.length);
  const byEpoch = want.flatMap((line, i) => [...traces.filter((t) => traceEpoch(t) === i + 1), line]);
  writeFileAtomic(path, [Buffer.from(byEpoch.map((line) => line + '\n').join(''))]);
  return `${path}: rewritten from the checkpoint's history (${want.length} epoch${want.length === 1 ? '' : 's'}; it had ${have.length} line${have.length === 1 ? '' : 's'})`;
}

/** A metrics.jsonl line of --trace-grad: `{"trace": {step, epoch, layers}}` (epoch lines have a top-level epoch). */
function isTraceLine(line: string): boolean {
  return line.startsWith('{"trace":');
}

function traceEpoch(line: string): number {
  try {
    return (JSON.parse(line) as { trace: { epoch: number } }).trace.epoch;
  } catch {
    return Infinity; // a cut line is dropped
  }
}

/** The trace records of metrics.jsonl's first `epochs` epochs (for a resumed run's gradients.svg). */
export function readTraces<T = { step: number; epoch: number }>(dir: string, epochs: number): T[] {
  let text = '';
  try {
    text = readFileSync(join(dir, METRICS_FILE), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => isTraceLine(line) && traceEpoch(line) <= epochs)
    .map((line) => (JSON.parse(line) as { trace: T }).trace);
}

/** Creates the run directory if it is not there (library callers that did not open it), with one-line errors. */
export function ensureRunDirectory(dir: string): void {
  if (!existsSync(dir)) makeDirectories(dir);
}

/** Writes one of the run's small files (curves.svg, init_report.json) atomically. */
export function writeRunFile(dir: string, name: string, text: string): void {
  writeFileAtomic(join(dir, name), [Buffer.from(text)]);
}

/** What survives the failure: the checkpoint of the last epoch, if this run (or the one it resumes) wrote one. */
export function keptCheckpoint(runDir: string, completedEpochs: number, resumed: boolean): string {
  const path = checkpointPath(runDir);
  if ((completedEpochs > 0 || resumed) && existsSync(path)) return `the checkpoint of epoch ${completedEpochs} is kept in ${path}`;
  return `no checkpoint was written yet (one is written after each epoch)`;
}
