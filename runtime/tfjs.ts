// The one door through which TensorFlow.js enters netc. It re-exports dist/runtime/tfjs_bundle.js, which
// esbuild builds from runtime/tfjs_entry.ts (tfjs-core with every gradient registered, and the cpu, webgpu
// and wasm backends): tfjs-core's Node entry registers no gradients and its ESM files do not load under plain
// Node. tsc never writes the bundle, so a rebuild cannot leave a half-built tfjs behind.
export * from './tfjs_bundle.js';
