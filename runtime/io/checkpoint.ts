// Node-only (files): moved to runtime/platform/checkpoint_files.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/checkpoint_files.js';
