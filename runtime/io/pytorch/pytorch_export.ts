// Node-only (files): moved to runtime/platform/pytorch_export.ts, the platform side of the runtime; this path keeps its importers.
export * from '../../platform/pytorch_export.js';
