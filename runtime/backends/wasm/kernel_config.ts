// Adding and replacing tfjs-backend-wasm kernels from JavaScript (before the backend initializes), and the
// attribute helper the kernel files share.
import * as tf from '../../tfjs.js';

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

/** A kernel attribute given as one number or a [height, width] pair (absent: 1, as for dilations). */
export const pair = (v: [number, number] | number | undefined): [number, number] => (v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v);
