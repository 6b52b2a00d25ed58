// Test helpers for the checkpoint and divergence CLI tests: a tiny ReLU network (50,618 params, trains in a
// second on cpu), `netc` run asynchronously a few at a time, and the one-line-error assertion they share.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { NetcRun } from './cli.js';

export const scratch = (prefix = 'netc-ckpt-cli-') => mkdtempSync(join(tmpdir(), prefix));

/** conv → relu → dense → relu → dense on 1×28×28: ReLU, so a huge learning rate explodes it (a sigmoid saturates). */
export function writeTinyNet(dir = scratch()): string {
  const path = join(dir, 'tiny.net');
  writeFileSync(
    path,
    `network Tiny(classes = 10) {\n  input [1, 28, 28]\n  conv(8, kernel: 3, pad: 1, stride: 2); relu\n  flatten\n  dense(32); relu\n  dense(classes)\n}\n`,
  );
  return path;
}

/** `node dist/cli/netc.js ARGS…` without blocking the test process. */
export function netcAsync(...args: string[]): Promise<NetcRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/netc.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `jobs` at most `width` at a time (the machine is shared), in order of the results. */
export async function runAll<T>(jobs: (() => Promise<T>)[], width = 3): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}

/** Exit 1 and exactly one stderr line, `netc: …`, that names `file` — no stack, no "internal error". */
export function assertOneLineError(t: ExecutionContext, r: NetcRun, file: string, message: RegExp | undefined, what: string): void {
  const lines = r.stderr.trim().split('\n').filter((l) => !/^backend: /.test(l));
  t.is(r.code, 1, `${what}: exit ${r.code}\n${r.stderr}`);
  t.is(lines.length, 1, `${what}: one line expected\n${r.stderr}`);
  t.regex(lines[0] ?? '', /^netc: /, what);
  t.true((lines[0] ?? '').includes(file), `${what}: the error names ${file}: ${lines[0]}`);
  t.notRegex(r.stderr, /internal error|\n\s+at /, what);
  if (message) t.regex(lines[0] ?? '', message, what);
}
