// Runs one netc command as a hostile-input case does: a wall-clock limit, a memory ceiling (peak RSS from
// /proc, polled), optional signals sent once a line appears, and everything it printed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Invocation {
  args: string[];
  cwd: string;
  /** Extra environment (the harness isolates NETC_CACHE_DIR per case). */
  env?: Record<string, string>;
  /** Killed (and reported as a hang) after this long. */
  timeoutMs?: number;
  /** Send this signal once stderr or stdout matches `when` (then `delayMs` later). */
  signal?: { name: NodeJS.Signals; when: RegExp; delayMs?: number };
}

export interface Outcome {
  code: number | null;
  /** The signal that ended the process (ours or its own). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakMb: number;
  timedOut: boolean;
  /** Killed by the harness for passing the memory ceiling. */
  overMemory: boolean;
  /** Whether the requested signal was sent. */
  signalled: boolean;
}

const MEMORY_CEILING_MB = 1536;

/** Peak resident memory so far (VmHWM), in MB; 0 once the process is gone. */
function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function runNetc(netc: string, invocation: Invocation): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [netc, ...invocation.args], {
    cwd: invocation.cwd,
    env: { ...process.env, ...invocation.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let peakMb = 0;
  let timedOut = false;
  let overMemory = false;
  let signalled = false;
  const maybeSignal = () => {
    const s = invocation.signal;
    if (!s || signalled || !s.when.test(stderr + stdout)) return;
    signalled = true;
    setTimeout(() => child.kill(s.name), s.delayMs ?? 0);
  };
  // Keep only the ends of huge outputs (a token dump can be tens of MB).
  const keep = (text: string) => (text.length > 4_000_000 ? text.slice(0, 1_000_000) + text.slice(-1_000_000) : text);
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout = keep(stdout + d)), maybeSignal()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr = keep(stderr + d)), maybeSignal()));
  const poll = setInterval(() => {
    peakMb = Math.max(peakMb, peakRssMb(child.pid!));
    if (peakMb > MEMORY_CEILING_MB && !overMemory) {
      overMemory = true;
      child.kill('SIGKILL');
    }
  }, 25);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, invocation.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, signal, stdout, stderr, ms, peakMb, timedOut, overMemory, signalled });
    });
  });
}
