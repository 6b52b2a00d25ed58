// Node-only (files): moved to runtime/platform/image_folder.ts, the platform side of the runtime; this path keeps its importers.
export * from '../platform/image_folder.js';
