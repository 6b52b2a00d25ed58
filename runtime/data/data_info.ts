// Node-only (files): moved to runtime/platform/data_info.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/data_info.js';
