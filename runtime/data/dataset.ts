// Node-only (files): moved to runtime/platform/idx_files.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/idx_files.js';
