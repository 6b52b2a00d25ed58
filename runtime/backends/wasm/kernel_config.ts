// What a netc kernel for tfjs-backend-wasm is, as data: one it adds (tfjs-backend-wasm lacks it) or one it
// wraps (tfjs's own, kept as the fallback), listed per kernel file and registered by register_kernels.ts;
// and the attribute helper the kernel files share.
import type * as tf from '../../tfjs.js';

export type WasmKernelConfig =
  /** A kernel tfjs-backend-wasm lacks. */
  | { kernelName: string; kernelFunc: tf.KernelFunc }
  /** A faster path in front of tfjs-backend-wasm's kernel, which `wrap` gets to hand every other case to. */
  | { kernelName: string; wrap: (original: tf.KernelFunc) => tf.KernelFunc };

/** A kernel attribute given as one number or a [height, width] pair (absent: 1, as for dilations). */
export const pair = (v: [number, number] | number | undefined): [number, number] => (v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v);
