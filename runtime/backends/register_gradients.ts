// The gradients of netc's own ops (the direct conv, the tiled average pool), registered once with tfjs by
// whichever backend starts first; they are written in kernels each backend registers for itself.
import * as tf from '../tfjs.js';
import { directConvGradient } from './direct_conv.js';
import { tiledAvgPoolGradient } from './tiled_pool.js';

export const netcGradientConfigs: readonly tf.GradConfig[] = [directConvGradient, tiledAvgPoolGradient];

let registered = false;

/** Registers netc's op gradients (later calls do nothing). */
export function registerNetcGradients(): void {
  if (registered) return;
  for (const config of netcGradientConfigs) tf.registerGradient(config);
  registered = true;
}
