// A results run directory read back: result.json (written once netc exited 0), the epochs and trace records of
// netc's metrics.jsonl. The renderer reads only these, so re-rendering needs no training.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULT_FILE = 'result.json';
export const MACHINE_FILE = 'machine.json';

/** What `netc train --json` prints as its last stdout line (the fields results use; others are kept as they come). */
export interface NetcJson {
  network: string;
  backend: string;
  adapter?: string;
  epochs: number;
  testAccuracy: number;
  imagesPerSec: number;
  seconds: number;
  evalSplit?: string;
  bestEpoch?: number | null;
  bestAccuracy?: number | null;
  /** With --val-split: the final weights' accuracy on the test split (evaluated once). */
  finalTestAccuracy?: number;
  [key: string]: unknown;
}

export interface ResultRecord {
  version: 1;
  name: string;
  file: string;
  /** The network's name in its file (the IR's). */
  network: string;
  params: number;
  macs: number;
  /** The IR's input shape [C, H, W]. */
  input: number[];
  /** The command that trained it, as a shell line (repository-relative paths). */
  command: string;
  /** How many times netc was started for it (1 + resumes after a kill). */
  attempts: number;
  /** Wall-clock seconds of the attempt that finished. */
  wallSeconds: number;
  /** 1-minute load averages sampled during that attempt. */
  load: number[];
  finishedAt: string;
  netc: NetcJson;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
  imagesPerSec: number;
  lr?: number;
}

export interface TraceLayer {
  name: string;
  gradNorm: number;
  weightNorm?: number;
  actMean?: number;
  actStd?: number;
  saturated?: number;
  dead?: number;
}

export interface TraceRecord {
  step: number;
  epoch: number;
  layers: TraceLayer[];
}

export function readResult(runDir: string): ResultRecord | undefined {
  const path = join(runDir, RESULT_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as ResultRecord;
}

export const FAILURE_FILE = 'failed.json';

/** Why the last attempt failed (netc's own last message), so the page says "failed" rather than "not run". */
export interface FailureRecord { code: number; message: string; at: string }

export function readFailure(runDir: string): FailureRecord | undefined {
  const path = join(runDir, FAILURE_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as FailureRecord;
}

/** netc's last `netc: …` line in a log (its error message), or the last non-empty line. */
export function lastNetcMessage(log: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.filter((l) => l.startsWith('netc: ')).at(-1) ?? lines.at(-1) ?? '').replace(/^netc: /, '');
}

/** Written last, atomically: its presence is what "this network is finished" means. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

function metricsLines(runDir: string): Record<string, unknown>[] {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The epoch lines of metrics.jsonl (every reader skips lines without `epoch`, e.g. trace records). */
export function readEpochs(runDir: string): EpochRecord[] {
  return metricsLines(runDir).filter((r) => typeof r.epoch === 'number' && !('trace' in r)) as unknown as EpochRecord[];
}

export function readTraces(runDir: string): TraceRecord[] {
  return metricsLines(runDir)
    .map((r) => r.trace)
    .filter((t): t is TraceRecord => typeof t === 'object' && t !== null && Array.isArray((t as TraceRecord).layers));
}

/** The epoch of the highest test accuracy (the first such, as netc's bestEpoch) and that accuracy. */
export function bestEpoch(epochs: EpochRecord[]): { epoch: number; accuracy: number } | undefined {
  let best: EpochRecord | undefined;
  for (const e of epochs) if (best === undefined || e.testAccuracy > best.testAccuracy) best = e;
  return best && { epoch: best.epoch, accuracy: best.testAccuracy };
}

/** Training minutes: the sum of the epochs' seconds (so a resumed run counts each epoch once). */
export const trainingMinutes = (epochs: EpochRecord[]): number => epochs.reduce((s, e) => s + e.seconds, 0) / 60;

/** Median images/s over the epochs (the first epoch's warm-up weighs less than in a mean). */
export function medianImagesPerSec(epochs: EpochRecord[]): number | undefined {
  const v = epochs.map((e) => e.imagesPerSec).filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
