// BatchMatMul on the wasm backend with a transposed operand (slow in tfjs-backend-wasm), as an explicit
// transpose and a plain matmul on XNNPACK; untransposed products go to tfjs's kernel.
import * as tf from '../../../tfjs.js';
import type { WasmKernelConfig } from '../kernel_config.js';

const batchMatMul = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return original(args);
  const a = args.inputs.a as tf.Tensor;
  const b = args.inputs.b as tf.Tensor;
  const swapLast = (t: tf.Tensor) => tf.transpose(t, [...Array(t.rank - 2).keys(), t.rank - 1, t.rank - 2]);
  return tf.tidy(() => tf.matMul(transposeA ? swapLast(a) : a, transposeB ? swapLast(b) : b));
};

export const matmulKernels: WasmKernelConfig[] = [{ kernelName: 'BatchMatMul', wrap: batchMatMul }];
