// Which recipes and trace pairs one `npm run results` invocation runs: all of them, the CI-sized --quick
// selection, or those --only names; --best replaces the best network's file (tests use a tiny stand-in).
import { recipes, type Recipe } from './recipes.js';
import { ResultsError } from './results_error.js';
import { tracePairs, type TracePair } from './trace_runs.js';

export interface PlanOptions {
  quick: boolean;
  only?: string[];
  /** A .net file for the best network instead of networks/fashion_net.net. */
  bestFile?: string;
}

export interface Plan {
  recipes: Recipe[];
  pairs: TracePair[];
}

/** The --quick networks: small enough that the whole quick run stays under two minutes on 2 cores. */
export const QUICK_NETWORKS = ['lenet', 'lenet_bn'];
const QUICK_PAIR = 'sigmoid-vs-relu';

/** A recipe cut to CI size: one epoch of 512 images, 256 test images. */
export function quickVariant<R extends Recipe>(r: R): R {
  return { ...r, epochs: 1, limit: 512, testLimit: 256, valSplit: undefined, budgetMinutes: 0.25 };
}

export function makePlan(o: PlanOptions): Plan {
  const all = recipes.map((r) => (r.best && o.bestFile ? { ...r, file: o.bestFile } : r));
  let chosen = o.quick ? all.filter((r) => QUICK_NETWORKS.includes(r.name) || (r.best && o.bestFile)) : all;
  let pairs = o.quick ? tracePairs.filter((p) => p.key === QUICK_PAIR) : tracePairs;
  if (o.only) {
    const known = [...all.map((r) => r.name), ...tracePairs.map((p) => p.key)];
    const unknown = o.only.filter((n) => !known.includes(n));
    if (unknown.length > 0) throw new ResultsError(`--only: no network or trace pair named ${unknown.join(', ')} (known: ${known.join(', ')})`);
    chosen = chosen.filter((r) => o.only?.includes(r.name));
    pairs = pairs.filter((p) => o.only?.includes(p.key));
  }
  if (o.quick) {
    chosen = chosen.map(quickVariant);
    pairs = pairs.map((p) => ({ ...p, runs: [quickVariant({ ...p.runs[0], traceEvery: 1 }), quickVariant({ ...p.runs[1], traceEvery: 1 })] }));
  }
  return { recipes: chosen, pairs };
}
