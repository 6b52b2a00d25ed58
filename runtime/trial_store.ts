// Where measured lowering choices are kept between runs. Environment-neutral: the default store lives in memory
// (a browser page measures once per load); Node's entry (runtime/index.ts) installs the disk cache of
// runtime/platform/trial_store_file.ts, so the CLI measures once per machine.
import type { CacheRead, TrialEntry } from './platform/trial_cache.js';

export interface TrialStore {
  /** Names the store in warnings (the cache file, or "memory"). */
  readonly name: string;
  read(): CacheRead;
  /** Adds `measured` to what is stored (merging with what others stored meanwhile, where that can happen). */
  write(measured: Map<string, TrialEntry>): void;
}

export function memoryTrialStore(): TrialStore {
  const entries = new Map<string, TrialEntry>();
  return {
    name: 'memory',
    read: () => ({ entries: new Map(entries) }),
    write: (measured) => measured.forEach((entry, key) => entries.set(key, entry)),
  };
}

let current: TrialStore = memoryTrialStore();

/** The store Model.prepare uses when given none. */
export const defaultTrialStore = (): TrialStore => current;

export function setDefaultTrialStore(store: TrialStore): void {
  current = store;
}
