// §3 of the reliability issue: a run directory is never lost or mixed, and the train command's usage is exact.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expectError, firstLine, unclean, type HostileCase } from './hostile_case.js';

import { lenet, smallRun } from './paths.js';
/** A small, quick training run: 2,048 images per epoch. */
const small = smallRun;
const digest = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'missing');
const metricEpochs = (dir: string) =>
  existsSync(join(dir, 'metrics.jsonl'))
    ? readFileSync(join(dir, 'metrics.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { epoch: number }).epoch)
    : [];
const trainedEpoch = /epoch\s+\d+\/\d+\s/;

function usageCase(id: string, what: string, args: (dir: string, run: () => string) => string[]): HostileCase {
  return {
    id,
    section: 3,
    what,
    async check(context) {
      const outcome = await context.netc(args(context.dir, context.run), { timeoutMs: 60_000 });
      const bad = expectError(outcome, 2);
      if (bad) return bad;
      return trainedEpoch.test(outcome.stderr) ? 'trained before refusing' : undefined;
    },
  };
}

const signalNumber = { SIGTERM: 15, SIGHUP: 1 } as const;

function signalCase(name: keyof typeof signalNumber): HostileCase {
  return {
    id: `train-${name.toLowerCase()}`,
    section: 3,
    what: `${name} during training: a message, the checkpoint kept, a resume hint`,
    async check({ dir, netc }) {
      const outcome = await netc(['train', lenet, ...small, '--epochs', '20', '--out', 'run'], { timeoutMs: 120_000, signal: { name, when: /epoch\s+1\/20\s/ } });
      if (!outcome.signalled) return unclean(outcome) ?? 'the run ended before the signal was sent';
      if (outcome.signal === name) return `ended silently by ${name} (exit ${128 + signalNumber[name]})`;
      // Like Ctrl-C's 130: 128 + the signal's number, after the message and the hint.
      const bad = unclean(outcome, 1024, [128 + signalNumber[name]]);
      if (bad) return bad;
      if (!/--resume/.test(outcome.stderr)) return `no resume hint: ${firstLine(outcome.stderr.split('\n').slice(-3).join('\n'), /netc: .*/)}`;
      return existsSync(join(dir, 'run', 'model.safetensors')) ? undefined : 'no checkpoint kept';
    },
  };
}

export const runDirCases: HostileCase[] = [
  {
    id: 'out-existing-run',
    section: 3,
    what: '`train --out RUN` on an existing run without --resume',
    async check({ netc, run }) {
      const dir = run();
      const before = [digest(join(dir, 'model.safetensors')), digest(join(dir, 'metrics.jsonl'))];
      const outcome = await netc(['train', lenet, ...small, '--epochs', '1', '--out', dir], { timeoutMs: 60_000 });
      const after = [digest(join(dir, 'model.safetensors')), digest(join(dir, 'metrics.jsonl'))];
      if (before.join() !== after.join()) return `the run's ${before[0] !== after[0] ? 'checkpoint was replaced' : 'metrics were appended to'} (exit ${outcome.code})`;
      return expectError(outcome, [1, 2], /--resume|--force/);
    },
  },
  {
    id: 'two-trains-one-out',
    section: 3,
    what: 'two `train` processes on one --out',
    async check({ dir, netc }) {
      const first = netc(['train', lenet, ...small, '--epochs', '4', '--out', 'run'], { timeoutMs: 180_000 });
      await new Promise((r) => setTimeout(r, 2_500));
      const second = await netc(['train', lenet, ...small, '--epochs', '4', '--out', 'run'], { timeoutMs: 180_000 });
      const firstOutcome = await first;
      const epochs = metricEpochs(join(dir, 'run'));
      if (epochs.join() !== '1,2,3,4') return `metrics.jsonl holds epochs [${epochs.join(', ')}]`;
      return unclean(firstOutcome) ?? expectError(second, [1, 2], /lock|in use|another|pid/i);
    },
  },
  {
    id: 'out-not-a-directory',
    section: 3,
    what: '`--out` below a regular file (ENOTDIR) fails before the first epoch',
    async check({ dir, netc }) {
      writeFileSync(join(dir, 'file'), 'x');
      const outcome = await netc(['train', lenet, ...small, '--epochs', '1', '--out', 'file/run'], { timeoutMs: 60_000 });
      return expectError(outcome, 1, /file\/run|file/) ?? (trainedEpoch.test(outcome.stderr) ? 'failed only after training an epoch' : undefined);
    },
  },
  {
    id: 'out-read-only',
    section: 3,
    what: '`--out` on a read-only file system fails before the first epoch',
    async check({ netc }) {
      const outcome = await netc(['train', lenet, ...small, '--epochs', '1', '--out', '/proc/netc-run'], { timeoutMs: 60_000 });
      return expectError(outcome, 1, /\/proc\/netc-run/) ?? (trainedEpoch.test(outcome.stderr) ? 'failed only after training an epoch' : undefined);
    },
  },
  {
    id: 'stale-temp-file',
    section: 3,
    what: "a killed write's temp file (a dead pid) is removed when the run resumes",
    async check({ netc, run }) {
      const dir = run();
      writeFileSync(join(dir, 'model.safetensors.tmp-999999'), Buffer.alloc(1 << 20));
      const outcome = await netc(['train', lenet, ...small, '--epochs', '2', '--resume', dir], { timeoutMs: 60_000 });
      const bad = expectError(outcome, 0);
      if (bad) return bad;
      const left = readdirSync(dir).filter((f) => /\.tmp-\d+$/.test(f));
      return left.length > 0 ? `left behind: ${left.join(', ')}` : undefined;
    },
  },
  {
    id: 'kills-keep-metrics-exact',
    section: 3,
    what: 'SIGKILL as each epoch ends, then resume, three times: one metrics line per epoch',
    async check({ dir, netc }) {
      const out = join(dir, 'run');
      for (let kill = 0; kill < 3; kill++) {
        const args = kill === 0 ? ['--out', out] : ['--resume', out];
        const outcome = await netc(['train', lenet, ...small, '--epochs', '6', ...args], { timeoutMs: 120_000, signal: { name: 'SIGKILL', when: /epoch\s+\d+\/6\s/ } });
        if (!outcome.signalled) return unclean(outcome) ?? `run ${kill + 1} ended before it was killed`;
      }
      const last = await netc(['train', lenet, ...small, '--epochs', '6', '--resume', out], { timeoutMs: 120_000 });
      const bad = expectError(last, 0);
      if (bad) return bad;
      const epochs = metricEpochs(out);
      return epochs.join() === '1,2,3,4,5,6' ? undefined : `metrics.jsonl holds epochs [${epochs.join(', ')}]`;
    },
  },
  signalCase('SIGTERM'),
  signalCase('SIGHUP'),
  usageCase('resume-with-other-out', '`--resume A --out B`', (_, run) => ['train', lenet, ...small, '--epochs', '2', '--resume', run(), '--out', 'other']),
  usageCase('unknown-short-flag', 'an unknown short flag `-b 64`', () => ['train', lenet, '-b', '64', '--epochs', '1', '--limit', '256']),
  usageCase('short-flag-before-command', 'an unknown short flag before the command word (`netc -b 64 train`)', () => ['-b', '64', 'train', lenet, '--epochs', '1', '--limit', '256']),
  usageCase('second-file', 'a second FILE operand to a one-FILE command', () => ['train', lenet, lenet, '--epochs', '1']),
  usageCase('option-as-value', '`--out --json` (an option where a value belongs)', () => ['train', lenet, ...small, '--epochs', '1', '--out', '--json']),
];
