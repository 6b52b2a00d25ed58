// Entry of the esbuild bundle dist/runtime/tfjs_bundle.js (see runtime/tfjs.ts): core with every gradient
// registered, the cpu backend, and the webgpu and wasm backends.
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
export { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
export { setWasmPaths, setThreadsCount, getThreadsCount, BackendWasm } from '@tensorflow/tfjs-backend-wasm';
