// Node-only (files): moved to runtime/platform/checkpoint_data_info.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/checkpoint_data_info.js';
