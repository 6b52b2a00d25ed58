// Node-only (files): moved to runtime/platform/atomic_file.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/atomic_file.js';
