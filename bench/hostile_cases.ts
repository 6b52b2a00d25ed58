// npm run bench:hostile — the reliability issue's hostile cases (compiler limits, file reads, run directories,
// training output and inference input) run against a netc build; prints each case and the count handled
// cleanly. `--netc OTHER/dist/cli/netc.js` runs the same list against another build (the before/after figure).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compilerCases } from './hostile/compiler_cases.js';
import { fileCases } from './hostile/file_cases.js';
import type { CaseContext, HostileCase } from './hostile/hostile_case.js';
import { lenet, smallRun, thisNetc } from './hostile/paths.js';
import { runDirCases } from './hostile/run_dir_cases.js';
import { runNetc } from './hostile/run_netc.js';
import { weightCases } from './hostile/weight_cases.js';

const { values } = parseArgs({
  options: {
    netc: { type: 'string', default: thisNetc },
    only: { type: 'string' },
    section: { type: 'string' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const all: HostileCase[] = [...compilerCases, ...fileCases, ...runDirCases, ...weightCases];
const only = values.only?.split(',');
const cases = all.filter((c) => (!only || only.includes(c.id)) && (!values.section || String(c.section) === values.section));
const netc = values.netc!;
const root = mkdtempSync(join(tmpdir(), 'netc-hostile-'));

async function trainedRun(): Promise<string> {
  const dir = join(root, 'trained');
  const outcome = await runNetc(netc, { args: ['train', lenet, '--epochs', '1', ...smallRun, '--out', dir], cwd: root, env: { NETC_CACHE_DIR: join(root, 'cache') }, timeoutMs: 120_000 });
  if (outcome.code !== 0) throw new Error(`the shared run did not train: ${outcome.stderr.slice(-400)}`);
  return dir;
}

async function main(): Promise<void> {
  process.stderr.write(`netc under test: ${netc}\n`);
  const trained = await trainedRun();
  const results: { id: string; section: number; what: string; clean: boolean; why?: string; seconds: number }[] = [];
  for (const [index, hostile] of cases.entries()) {
    const dir = join(root, `case-${index}-${hostile.id}`);
    mkdirSync(dir);
    let runs = 0;
    const context: CaseContext = {
      dir,
      run: () => {
        const copy = join(dir, `run${runs++ === 0 ? '' : runs}`);
        cpSync(trained, copy, { recursive: true });
        return copy;
      },
      netc: (args, options) => runNetc(netc, { args, cwd: dir, timeoutMs: 30_000, ...options, env: { NETC_CACHE_DIR: join(dir, 'cache'), ...options?.env } }),
    };
    const started = Date.now();
    let why: string | undefined;
    try {
      why = await hostile.check(context);
    } catch (error) {
      why = `the case itself failed: ${(error as Error).message}`;
    }
    const seconds = (Date.now() - started) / 1000;
    results.push({ id: hostile.id, section: hostile.section, what: hostile.what, clean: why === undefined, why, seconds });
    process.stderr.write(`${why === undefined ? 'clean ' : 'FAILED'} §${hostile.section} ${hostile.id.padEnd(28)} ${why ?? hostile.what} (${seconds.toFixed(1)} s)\n`);
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  const clean = results.filter((r) => r.clean).length;
  const bySection = [1, 2, 3, 4].map((s) => {
    const of = results.filter((r) => r.section === s);
    return `§${s} ${of.filter((r) => r.clean).length}/${of.length}`;
  });
  process.stderr.write(`\n${clean} of ${results.length} hostile cases handled cleanly (${bySection.join(', ')})\n`);
  if (values.json) process.stdout.write(JSON.stringify({ netc, cases: results.length, clean, results }) + '\n');
}

void main();
