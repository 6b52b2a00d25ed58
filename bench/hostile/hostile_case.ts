// What a hostile-input case is, and the judgement every case shares: an answer in time and memory, no crash,
// no stack trace, no "internal error" — then the case's own expectation.
import type { Invocation, Outcome } from './run_netc.js';

export interface CaseContext {
  /** An empty directory of the case's own. */
  dir: string;
  /** A trained LeNet run directory (1 epoch, `smallRun`'s flags), copied for the case. */
  run(): string;
  /** Runs netc (the build under test) in the case's directory. */
  netc(args: string[], options?: Partial<Invocation>): Promise<Outcome>;
}

export interface HostileCase {
  id: string;
  /** The section: 1 compiler limits, 2 file reads, 3 run directories, 4 training output and inference input. */
  section: 1 | 2 | 3 | 4;
  what: string;
  /** Runs the case and returns why it was not handled cleanly, or undefined. */
  check(context: CaseContext): Promise<string | undefined>;
}

/**
 * The shared judgement: no crash, no hang, bounded memory (`maxMb`: the compiler's target is 512 MB; a runtime
 * command carries a backend, so it gets 1 GB), a one-line answer. `codes`: the exit codes that are answers.
 */
export function unclean(outcome: Outcome, maxMb = 1024, codes = [0, 1, 2]): string | undefined {
  if (outcome.overMemory) return `used more than 1.5 GB (killed)`;
  if (outcome.timedOut) return `no answer in ${(outcome.ms / 1000).toFixed(0)} s (killed)`;
  const text = outcome.stderr + outcome.stdout;
  if (/internal error/.test(text)) return `internal error: ${firstLine(text, /internal error.*/)}`;
  if (/Fatal JavaScript|Maximum call stack|FATAL ERROR|Aborted\(/.test(text)) return `crashed: ${firstLine(text, /(Fatal JavaScript|Maximum call stack|FATAL ERROR|Aborted\().*/)}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(outcome.stderr)) return 'printed a stack trace';
  if (outcome.signal) return `ended by ${outcome.signal}`;
  if (!codes.includes(outcome.code ?? -1)) return `exit code ${outcome.code}`;
  if (outcome.peakMb > maxMb) return `peak memory ${outcome.peakMb.toFixed(0)} MB (limit ${maxMb} MB)`;
  return undefined;
}

export function firstLine(text: string, pattern: RegExp): string {
  return (pattern.exec(text)?.[0] ?? text.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 160);
}

/**
 * The shared judgement, then: exits with `code` (a number or a list), stderr matching `message`, and in time —
 * `limitMs` (process start included) is tight for the compiler's cases; training and inference get a minute;
 * `maxMb` as in `unclean`.
 */
export function expectError(outcome: Outcome, code: number | number[], message?: RegExp, limitMs = 60_000, maxMb = 1024): string | undefined {
  const bad = unclean(outcome, maxMb);
  if (bad) return bad;
  const codes = Array.isArray(code) ? code : [code];
  if (!codes.includes(outcome.code ?? -1)) return `exit ${outcome.code}, expected ${codes.join(' or ')} (${firstLine(outcome.stderr, /netc: .*/)})`;
  if (message && !message.test(outcome.stderr)) return `message does not match ${message}: ${firstLine(outcome.stderr, /netc: .*|error.*/)}`;
  if (outcome.ms > limitMs) return `took ${(outcome.ms / 1000).toFixed(1)} s (limit ${limitMs / 1000} s)`;
  return undefined;
}
