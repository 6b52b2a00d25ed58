// Test helpers for checks against Debian's PyTorch, torchvision and ONNX (/usr/bin/python3): whether they
// are there, and running a Python script with JSON in and out. Where CI is set they must be there (CI
// installs them with scripts/install_system_deps.sh --test); elsewhere a test may skip with the reason.
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

let cached: { ready: true } | { ready: false; reason: string } | undefined;

/** Whether torch, torchvision and onnx import in Debian's Python (checked once per process). */
export function pythonStatus(): { ready: true } | { ready: false; reason: string } {
  if (cached) return cached;
  const r = spawnSync(PYTHON, ['-c', 'import torch, torchvision, onnx'], { encoding: 'utf8', timeout: 120_000 });
  cached = r.status === 0 ? { ready: true } : { ready: false, reason: `${PYTHON} lacks torch/torchvision/onnx (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}); install with scripts/install_system_deps.sh --test` };
  return cached;
}

/** True where Python-dependent tests must run rather than skip. */
export const pythonRequired = (): boolean => Boolean(process.env.CI);

/** Runs `script` with `input` as JSON on stdin; returns its stdout parsed as JSON (throws with stderr on failure). */
export function runPython<T = unknown>(script: string, input: unknown = null, { timeoutMs = 300_000, cwd }: { timeoutMs?: number; cwd?: string } = {}): T {
  const r = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: timeoutMs,
    cwd,
    maxBuffer: 1 << 30,
    env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '2' },
  });
  if (r.status !== 0) throw new Error(`python failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
