// Test helpers for the CLI: run the built `netc` as a user would, and read the last --json line of its stdout.
import { spawnSync } from 'node:child_process';

export interface NetcRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli/netc.js ARGS…` (training commands get three minutes). */
export function netc(...args: string[]): NetcRun {
  const r = spawnSync(process.execPath, ['dist/cli/netc.js', ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The object `--json` prints as the last line of stdout. */
export const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);
