// Trains one recipe with `netc train … --json` into its run directory, resumably: a finished network (its
// result.json, written after netc exits 0, with the command this recipe makes now) is skipped, one whose recipe
// changed is moved aside and trained again; a killed one continues from its checkpoint with --resume,
// which netc makes exact (same weights, optimizer state, RNG and history as an uninterrupted run).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { networkFacts } from './network_facts.js';
import { recipeFlags, type Recipe } from './recipes.js';
import { NetworkFailed, ResultsError } from './results_error.js';
import { FAILURE_FILE, lastNetcMessage, readResult, RESULT_FILE, writeJsonAtomic, type NetcJson, type ResultRecord } from './run_record.js';
import { sampleLoad } from './machine.js';
import { unsupportedFlags, withoutFlags } from './netc_support.js';

export interface RunOptions {
  /** Repository root: recipe files and `netc` are relative to it. */
  root: string;
  /** The netc build to run (default dist/cli/netc.js). */
  netc: string;
  runsDir: string;
  backend: string;
  /** Flags every run of this invocation adds (e.g. --test-limit 256 for --quick). */
  extraFlags: string[];
  /** Progress lines for the user (stderr). */
  log: (line: string) => void;
  /** `netc help train`: which flags this netc has (netc_support.ts). */
  help: string;
  /** --quick: run without the flags this netc lacks (noted), instead of refusing. */
  dropUnsupported: boolean;
  /** Called with the netc child while it runs, so a signal to the results process can stop it too. */
  onChild?: (child: ChildProcess | undefined) => void;
}

export type RunOutcome = 'skipped' | 'trained' | 'resumed';

/** netc's files in a run directory; a checkpoint means --resume, other leftovers of a run mean --force. */
const CHECKPOINT = 'model.safetensors';
const ATTEMPTS_FILE = 'attempts.log';
const RUN_LEFTOVERS = ['metrics.jsonl', 'optimizer.safetensors', 'data.json', 'curves.svg'];

const shellQuote = (a: string) => (/^[\w./=:,+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

export async function runNetwork(recipe: Recipe, extra: string[], o: RunOptions): Promise<RunOutcome> {
  const dir = join(o.runsDir, recipe.name);
  let flags = [...recipeFlags(recipe), ...o.extraFlags, ...extra, '--backend', o.backend];
  const missing = unsupportedFlags(flags, o.help);
  if (missing.length > 0 && o.dropUnsupported) flags = withoutFlags(flags, missing);
  // The command as documented: repository-relative, always with --out (a resume adds --resume instead).
  const command = ['netc', 'train', recipe.file, ...flags, '--out', dir].map(shellQuote).join(' ');
  const finished = readResult(dir);
  if (finished && finished.command === command) {
    o.log(`${recipe.name}: finished earlier (${join(dir, RESULT_FILE)}), skipped`);
    return 'skipped';
  }
  if (finished) {
    // The recipe changed since: keep the old run beside the new one rather than reuse or delete it.
    const aside = `${dir}.superseded-${finished.finishedAt.replace(/[:.]/g, '-')}`;
    renameSync(dir, aside);
    o.log(`${recipe.name}: its recipe changed since the run in ${dir} (moved to ${aside}); training again`);
  }
  if (missing.length > 0) {
    if (!o.dropUnsupported) throw new ResultsError(`${recipe.name}: this netc's train has no ${missing.join(', ')}`);
    o.log(`${recipe.name}: this netc's train has no ${missing.join(', ')}; --quick runs it without`);
  }
  const facts = networkFacts(recipe, o.root);
  mkdirSync(dir, { recursive: true });
  const resumed = existsSync(join(dir, CHECKPOINT));
  const leftovers = !resumed && RUN_LEFTOVERS.some((f) => existsSync(join(dir, f)));
  const args = ['train', recipe.file, ...flags, '--json', ...(resumed ? ['--resume', dir] : ['--out', dir]), ...(leftovers ? ['--force'] : [])];
  o.log(`${recipe.name}: ${resumed ? 'resuming from its checkpoint' : leftovers ? 'starting over (a run stopped before its first epoch)' : 'training'} — ${command}`);
  const attempts = previousAttempts(dir) + 1;
  appendFileSync(join(dir, ATTEMPTS_FILE), `${new Date().toISOString()} ${resumed ? 'resume' : 'start'}\n`);
  const load = sampleLoad();
  const started = process.hrtime.bigint();
  const { code, stdout } = await spawnNetc(resolve(o.root, o.netc), args, o, join(dir, 'netc.log'));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const samples = load.stop();
  if (code !== 0) {
    const log = existsSync(join(dir, 'netc.log')) ? readFileSync(join(dir, 'netc.log'), 'utf8') : '';
    writeJsonAtomic(join(dir, FAILURE_FILE), { code, message: lastNetcMessage(log), at: new Date().toISOString() });
    throw new NetworkFailed(`${recipe.name}: netc train exited with ${code}; its output is in ${join(dir, 'netc.log')}`);
  }
  rmSync(join(dir, FAILURE_FILE), { force: true });
  const netc = lastJsonLine(stdout, recipe.name);
  const record: ResultRecord = {
    version: 1, name: recipe.name, file: recipe.file, network: facts.network, params: facts.params, macs: facts.macs, input: facts.input,
    command, attempts, wallSeconds, load: samples, finishedAt: new Date().toISOString(), netc,
  };
  writeJsonAtomic(join(dir, RESULT_FILE), record);
  // With --val-split netc's testAccuracy is the validation split's; the test split's figure is finalTestAccuracy.
  const accuracy = netc.finalTestAccuracy !== undefined ? `test acc ${netc.finalTestAccuracy.toFixed(4)} (val acc ${netc.testAccuracy.toFixed(4)})` : `test acc ${netc.testAccuracy.toFixed(4)}`;
  o.log(`${recipe.name}: ${accuracy} after ${netc.epochs} epochs, ${(wallSeconds / 60).toFixed(1)} min`);
  return resumed ? 'resumed' : 'trained';
}

/** How many times netc was started in this directory before (one line per start in attempts.log). */
function previousAttempts(dir: string): number {
  const path = join(dir, ATTEMPTS_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length : 0;
}

function lastJsonLine(stdout: string, name: string): NetcJson {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as NetcJson;
  } catch {
    throw new ResultsError(`${name}: netc train exited 0 but its last stdout line is not JSON: ${line.slice(0, 200)}`);
  }
}

/** Runs netc; its stderr (progress) goes to the log file and, line by line, to the user. */
function spawnNetc(netc: string, args: string[], o: RunOptions, logFile: string): Promise<{ code: number | string; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [netc, ...args], { cwd: o.root, stdio: ['ignore', 'pipe', 'pipe'] });
    o.onChild?.(child);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      appendFileSync(logFile, d);
      process.stderr.write(d);
    });
    child.on('error', (e) => fail(new ResultsError(`cannot start netc: ${e.message}`)));
    child.on('close', (code, signal) => {
      o.onChild?.(undefined);
      done({ code: code ?? (signal ? `killed by ${signal}` : 'unknown'), stdout });
    });
  });
}
