// Types of the esbuild bundle made from runtime/tfjs_entry.ts (see runtime/tfjs.ts).
export * from '@tensorflow/tfjs-core';
export { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
export { setWasmPaths, setThreadsCount, getThreadsCount, BackendWasm } from '@tensorflow/tfjs-backend-wasm';
