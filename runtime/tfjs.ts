// The one door through which TensorFlow.js enters netc: core with every gradient registered, the cpu
// backend, and the webgpu backend's kernels. Built by esbuild into one ESM file (scripts/bundle_tfjs.mjs),
// because tfjs-core's Node entry registers no gradients and its ESM files do not load under plain Node.
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
export { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
export { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
