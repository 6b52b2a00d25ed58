// Node-only (files): moved to runtime/platform/onnx_file.ts, the platform side of the runtime; this path keeps its importers.
export * from '../../platform/onnx_file.js';
