// The lowering-trial store on disk (Node): $NETC_CACHE_DIR, else $XDG_CACHE_HOME/netc, else ~/.cache/netc,
// file lowering_trials.json, read and merged-written by trial_cache.ts.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readTrialCache, writeTrialCache } from './trial_cache.js';
import type { TrialStore } from '../trial_store.js';

export function trialCacheFile(): string {
  const base = process.env.NETC_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'netc');
  return join(base, 'lowering_trials.json');
}

/** The store in `file`; without one, the cache file as the environment names it at each use. */
export function fileTrialStore(file?: string): TrialStore {
  const path = () => file ?? trialCacheFile();
  return {
    get name() {
      return path();
    },
    read: () => readTrialCache(path()),
    write: (measured) => writeTrialCache(path(), measured),
  };
}
