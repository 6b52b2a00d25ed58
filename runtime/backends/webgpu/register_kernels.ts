// Every kernel netc registers for tfjs-backend-webgpu, as one list of configs (as tfjs's
// register_all_kernels.ts lists its own), registered once by registerWebGpuKernels() when WebGPU starts
// (start_backend.ts), with the gradients of netc's ops.
import * as tf from '../../tfjs.js';
import { registerNetcGradients } from '../register_gradients.js';
import { directConvKernels } from './direct_conv.js';
import { groupedConvKernels } from './grouped_conv.js';
import { tiledPoolKernels } from './tiled_pool.js';

export const webGpuKernelConfigs: readonly tf.KernelConfig[] = [...directConvKernels, ...groupedConvKernels, ...tiledPoolKernels];

let registered = false;

/** Registers netc's WebGPU kernels and its op gradients; later calls do nothing. */
export function registerWebGpuKernels(): void {
  if (registered) return;
  for (const config of webGpuKernelConfigs) tf.registerKernel(config);
  registerNetcGradients();
  registered = true;
}
