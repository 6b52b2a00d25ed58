// train's run-directory flags: --out, --resume and --force checked against each other, and SIGINT/SIGTERM/SIGHUP
// answered like Ctrl-C (what is kept, how to resume; exit 128 + the signal's number).
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from './usage_error.js';

/** The run directory --out/--resume name (undefined: the default one); contradictions are usage errors. */
export function resolveRunDir(options: { out?: string; resume?: string; force: boolean }): string | undefined {
  const { out, resume, force } = options;
  if (out === '' || resume === '') throw new UsageError(`${out === '' ? '--out' : '--resume'} needs a directory, got nothing`);
  if (resume === undefined) return out;
  if (force) throw new UsageError('--force starts a run over; --resume continues it: give one of them');
  if (isFile(resume)) throw new UsageError(`--resume takes the run directory, not a file: --resume ${basename(resume) === resume ? '.' : dirname(resume)}`);
  if (out !== undefined && canonical(out) !== canonical(resume)) throw new UsageError(`--resume ${resume} continues the run in that directory; --out ${out} names another (leave --out out)`);
  return resume;
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Signals that stop training the way Ctrl-C does, with their exit codes (128 + the signal's number). */
export const stopSignalCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Until the returned function is called, SIGINT, SIGTERM and SIGHUP print what is kept in `runDir` and how to
 * resume, and exit with 128 + the signal's number; the run directory's lock goes with the process's exit handlers.
 */
export function stopOnSignals(runDir: string, resumed: boolean, completedEpochs: () => number): () => void {
  const handlers = Object.entries(stopSignalCodes).map(([signal, code]) => {
    const handler = () => {
      const completed = completedEpochs();
      const resume = `continue with --resume ${runDir}`;
      const kept = completed > 0 ? `the checkpoint after epoch ${completed} is in ${runDir}; ${resume}` : resumed ? `the checkpoint ${runDir} was resumed from is unchanged; ${resume}` : 'no epoch had finished, nothing was saved';
      try {
        process.stderr.write(`\nnetc: interrupted${signal === 'SIGINT' ? '' : ` by ${signal}`}; ${kept}\n`);
      } catch {
        // SIGHUP: the terminal may be gone
      }
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}
