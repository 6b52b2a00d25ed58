// One `npm run results` invocation: train the plan's networks and trace runs one after another (resumably),
// then render the page. A SIGINT/SIGTERM stops the netc child too, so its run directory keeps its checkpoint.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machineInfo } from './machine.js';
import type { Plan } from './plan.js';
import { renderResults } from './render_markdown.js';
import { NetworkFailed, ResultsError } from './results_error.js';
import { runNetwork, type RunOptions } from './run_network.js';
import { MACHINE_FILE, writeJsonAtomic } from './run_record.js';
import { traceRuns } from './trace_runs.js';
import { trainHelp, unsupportedFlags } from './netc_support.js';
import { recipeFlags } from './recipes.js';
import { readMachine } from './machine_section.js';

export interface ResultsOptions {
  root: string;
  /** The netc build to run (--netc; default dist/cli/netc.js). */
  netc: string;
  runsDir: string;
  outDir: string;
  backend: string;
  renderOnly: boolean;
  /** --quick: flags this netc lacks are dropped (noted) rather than refused. */
  quick: boolean;
  benchJson: string;
  command: string;
  log: (line: string) => void;
}

/** Every flag the plan's networks need that this netc lacks, one line per network (empty: all there). */
export function missingFlags(plan: Plan, help: string): string[] {
  return plan.recipes
    .map((r) => [r.name, unsupportedFlags(recipeFlags(r), help)] as const)
    .filter(([, missing]) => missing.length > 0)
    .map(([name, missing]) => `${name} needs ${missing.join(', ')}`);
}

/** Trains what is not finished of `plan`, renders the page of `pagePlan` (every network), then fails (exit 1) naming the networks whose netc failed. */
export async function runResults(plan: Plan, pagePlan: Plan, o: ResultsOptions): Promise<string> {
  const failures = o.renderOnly ? [] : await trainAll(plan, o);
  const page = renderResults(pagePlan, { runsDir: o.runsDir, outDir: o.outDir, benchJson: o.benchJson, command: o.command });
  if (failures.length > 0) throw new ResultsError(`${failures.length} network${failures.length === 1 ? '' : 's'} failed (the page says why; rerun to retry them):\n  ${failures.join('\n  ')}`);
  return page;
}

/** A failed network is logged and the run goes on (its row says "failed: …"); returns the failures. */
async function trainAll(plan: Plan, o: ResultsOptions): Promise<string[]> {
  mkdirSync(o.runsDir, { recursive: true });
  if (!readMachine(o.runsDir)) writeJsonAtomic(join(o.runsDir, MACHINE_FILE), { info: machineInfo(o.backend), startedAt: new Date().toISOString() });
  const help = trainHelp(o.root, o.netc);
  const missing = missingFlags({ ...plan, recipes: plan.recipes.filter((r) => existsSync(resolve(o.root, r.file))) }, help);
  if (missing.length > 0 && !o.quick) throw new ResultsError(`this netc's train lacks flags the recipes use (build the netc that has them, or leave those networks out with --only): ${missing.join('; ')}`);
  let child: ChildProcess | undefined;
  const stop = (signal: NodeJS.Signals, code: number) => () => {
    o.log(`results: ${signal}; stopping the network in training (its checkpoint stays; rerun to continue)`);
    if (child) child.once('close', () => process.exit(code)).kill(signal);
    else process.exit(code);
  };
  const handlers = [['SIGINT', stop('SIGINT', 130)], ['SIGTERM', stop('SIGTERM', 143)]] as const;
  for (const [s, h] of handlers) process.on(s, h);
  const run: RunOptions = { root: o.root, netc: o.netc, runsDir: o.runsDir, backend: o.backend, extraFlags: [], help, dropUnsupported: o.quick, log: o.log, onChild: (c) => (child = c) };
  const failures: string[] = [];
  const attempt = async (recipe: Parameters<typeof runNetwork>[0], extra: string[]) => {
    try {
      await runNetwork(recipe, extra, run);
    } catch (error) {
      if (!(error instanceof NetworkFailed)) throw error;
      o.log(`results: ${error.message}; going on with the next network`);
      failures.push(error.message);
    }
  };
  try {
    for (const recipe of plan.recipes) {
      if (recipe.best && !existsSync(resolve(o.root, recipe.file))) {
        o.log(`${recipe.name}: ${recipe.file} does not exist yet; skipped (its section says "not run yet")`);
        continue;
      }
      await attempt(recipe, []);
    }
    const traces = traceRuns(plan.pairs);
    if (traces.length > 0 && !help.includes('--trace-grad')) o.log('trace runs skipped: this netc has no `train --trace-grad` yet (the gradient section says so)');
    else for (const t of traces) await attempt(t, ['--trace-grad', String(t.traceEvery)]);
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
  return failures;
}

