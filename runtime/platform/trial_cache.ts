// The lowering-trial cache on disk: entries validated on read (bad ones dropped with one warning naming the file, then
// rewritten), and writes that merge with what other processes wrote meanwhile (under a lock file: re-read, merge, rename).
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic_file.js';
import { FileReadError, readBoundedJson, readLimits } from './read_bounded.js';

export const convForms = ['conv2d', 'depthwise', 'direct'] as const;
export type ConvForm = (typeof convForms)[number];

/** One cached measurement: the form chosen and the median ms of each candidate. */
export interface TrialEntry {
  choice: ConvForm;
  ms: Partial<Record<ConvForm, number>>;
}

export interface CacheRead {
  /** Own keys only (a Map), so a key such as "__proto__" is just a key. */
  entries: Map<string, TrialEntry>;
  /** What was wrong with the file, if anything: the caller warns once and rewrites it. */
  problem?: string;
}

/** The candidate forms a key was measured for: the fourth `|` field ("conv2d,depthwise,direct"). */
const keyForms = (key: string): string[] => (key.split('|')[3] ?? '').split(',');

/** Why `value` is not a usable entry for `key`, or undefined. */
export function entryProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not {choice, ms}`;
  const { choice, ms } = value as Record<string, unknown>;
  if (typeof choice !== 'string' || !(convForms as readonly string[]).includes(choice)) return `has choice ${JSON.stringify(choice)}, not one of ${convForms.join(', ')}`;
  if (!keyForms(key).includes(choice)) return `chooses ${choice}, which was not a candidate`;
  if (typeof ms !== 'object' || ms === null || Array.isArray(ms)) return 'has no ms timings object';
  for (const [form, time] of Object.entries(ms)) {
    if (!(convForms as readonly string[]).includes(form)) return `times an unknown form ${JSON.stringify(form)}`;
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return `has a timing for ${form} that is not a finite number of ms`;
  }
  if ((ms as Record<string, unknown>)[choice] === undefined) return `has no timing for its choice ${choice}`;
  return undefined;
}

/** Reads the cache; a missing file is an empty cache, anything unusable is reported in `problem`, never thrown. */
export function readTrialCache(file: string): CacheRead {
  const entries = new Map<string, TrialEntry>();
  let parsed: unknown;
  try {
    parsed = readBoundedJson(file, readLimits.json);
  } catch (error) {
    if (error instanceof FileReadError && error.reason === 'no such file') return { entries };
    return { entries, problem: error instanceof FileReadError ? error.reason : String(error) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { entries, problem: 'not a JSON object of entries' };
  const bad: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    const problem = entryProblem(key, value);
    if (problem) bad.push(`"${key}" ${problem}`);
    else entries.set(key, value as TrialEntry);
  }
  if (bad.length === 0) return { entries };
  return { entries, problem: `${bad.length} unusable entr${bad.length === 1 ? 'y' : 'ies'} ignored (${bad[0]}${bad.length > 1 ? ', …' : ''})` };
}

/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 10_000;
/** How long a writer waits for the lock before writing without it (a cache, not a database). */
const LOCK_WAIT_MS = 2_000;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Takes `file`.lock (O_EXCL create); returns its release, or undefined when it could not be had in time. */
function lock(file: string): (() => void) | undefined {
  const path = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(path, 'wx'));
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) rmSync(path, { force: true });
    } catch {
      // released meanwhile
    }
    if (Date.now() - started > LOCK_WAIT_MS) return undefined;
    sleep(5);
  }
}

/**
 * Writes `ours` merged into what is on disk now: under a lock file, the cache is read again, merged (ours win where
 * both measured one key) and replaced atomically, so entries another process measured since our read are kept.
 * Best effort: a cache that cannot be written only means measuring again next time.
 */
export function writeTrialCache(file: string, ours: Map<string, TrialEntry>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch {
    return; // read-only home: fine
  }
  const release = lock(file);
  try {
    const merged = new Map([...readTrialCache(file).entries, ...ours]);
    writeFileAtomic(file, [Buffer.from(JSON.stringify(Object.fromEntries(merged), null, 1))]);
  } catch {
    // full disk: fine
  } finally {
    release?.();
  }
}
