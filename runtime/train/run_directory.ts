// Node-only (files): moved to runtime/platform/run_directory.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/run_directory.js';
