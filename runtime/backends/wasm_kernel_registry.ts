// Adding and replacing tfjs-backend-wasm kernels from JavaScript (before the backend initializes).
import * as tf from '../tfjs.js';

/** Adds a kernel tfjs-backend-wasm lacks. */
export function addWasmKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** Replaces a wasm kernel, keeping its setupFunc (which binds the native function); `wrap` gets the original. */
export function replaceWasmKernel(kernelName: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) throw new Error(`tfjs-backend-wasm has no ${kernelName} kernel to replace`);
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
}
