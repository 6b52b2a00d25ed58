// Node-only (files): moved to runtime/platform/trial_cache.ts, the platform side of the runtime; this path keeps its importers.
export * from './platform/trial_cache.js';
