// The browser's build of the one tfjs engine (see runtime/tfjs.ts): what runtime/tfjs_entry.ts gives Node,
// plus the WebGL backend. The playground's Vite build and the browser test harness map runtime/tfjs.ts's
// `./tfjs_bundle.js` to this file.
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
export { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
export { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
export { setWasmPaths, setThreadsCount, getThreadsCount, BackendWasm } from '@tensorflow/tfjs-backend-wasm';
