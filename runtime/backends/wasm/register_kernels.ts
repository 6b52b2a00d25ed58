// Every kernel netc registers for tfjs-backend-wasm, as one list of configs (as tfjs's register_all_kernels.ts
// lists its own), registered once by registerWasmKernels() when the wasm backend starts (node.ts) — before
// the backend initializes, so a wrapped kernel keeps tfjs's setupFunc, which binds its native function.
import * as tf from '../../tfjs.js';
import { registerNetcGradients } from '../register_gradients.js';
import type { WasmKernelConfig } from './kernel_config.js';
import { activationKernels } from './kernels/activations.js';
import { batchNormKernels } from './kernels/batchnorm.js';
import { convGradientKernels } from './kernels/conv_gradients.js';
import { convolutionKernels } from './kernels/convolution.js';
import { elementwiseKernels } from './kernels/elementwise.js';
import { matmulKernels } from './kernels/matmul.js';
import { poolingKernels } from './kernels/pooling.js';
import { reductionKernels } from './kernels/reductions.js';
import { transposeKernels } from './kernels/transposes.js';

export const wasmKernelConfigs: readonly WasmKernelConfig[] = [
  ...convGradientKernels,
  ...convolutionKernels,
  ...matmulKernels,
  ...elementwiseKernels,
  ...transposeKernels,
  ...poolingKernels,
  ...reductionKernels,
  ...activationKernels,
  ...batchNormKernels,
];

let registered = false;

/** Registers (or wraps) each of netc's wasm kernels, and its op gradients; later calls do nothing, so nothing is wrapped twice. */
export function registerWasmKernels(): void {
  if (registered) return;
  for (const config of wasmKernelConfigs) {
    if ('kernelFunc' in config) {
      tf.registerKernel({ kernelName: config.kernelName, backendName: 'wasm', kernelFunc: config.kernelFunc });
      continue;
    }
    const original = tf.getKernel(config.kernelName, 'wasm');
    if (!original) throw new Error(`tfjs-backend-wasm has no ${config.kernelName} kernel to wrap`);
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: config.wrap(original.kernelFunc) });
  }
  registerNetcGradients();
  registered = true;
}
