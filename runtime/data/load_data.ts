// Node-only (files): moved to runtime/platform/load_data.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/load_data.js';
