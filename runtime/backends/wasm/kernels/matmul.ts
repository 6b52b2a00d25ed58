// Faster replacements for wasm kernels that dominate training time, built on XNNPACK paths that exist:
// - Conv2DBackpropInput (a plain C++ loop in tfjs-backend-wasm) as a stride-1 convolution of the zero-spaced,
//   padded output gradient with the flipped, transposed filter: on netc's SIMD code where the filter is small
//   and the stride 1 (wasm_direct_conv.ts; LeNet's second conv 5.1 against 7.6 ms), else on XNNPACK;
// - BatchMatMul with a transposed operand (slow in tfjs-backend-wasm) as an explicit transpose + plain matmul.
// (AvgPoolGrad and the broadcasting ops: wasm_broadcast_kernels.ts.)
import * as tf from '../../../tfjs.js';
import { fullConvolutionInput, sliceOrWhole } from './conv_gradients.js';
import { pair, replaceWasmKernel } from '../kernel_config.js';
import type { WasmBackendInternals } from '../codegen/assembler.js';
import { directInputGradient } from './convolution.js';

interface BackpropInputAttrs {
  inputShape: [number, number, number, number];
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}


/** dx[n, h, w, ci] = Σ spacedPaddedDy[n, h + i, w + j, co] · W[kh − 1 − i, kw − 1 − j, ci, co] */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: BackpropInputAttrs): tf.Tensor4D {
  const [n, h, w, ci] = attrs.inputShape;
  const [kh, kw] = filter.shape;
  const strides = pair(attrs.strides);
  const { top, left } = tf.backend_util.computeConv2DInfo([n, h, w, ci], filter.shape, strides, 1, attrs.pad as 'valid', attrs.dimRoundingMode).padInfo;
  return tf.tidy(() => {
    const { spaced, pad, crop } = fullConvolutionInput(dy, strides, [kh, kw], [top, left], [h, w]);
    // Flip both spatial axes at once: reverse the flattened kh·kw index (wasm's Reverse kernel is slow).
    const [, , fi, fo] = filter.shape;
    const taps = tf.tensor1d(Array.from({ length: kh * kw }, (_, i) => kh * kw - 1 - i), 'int32');
    const reversed = tf.reshape(tf.gather(tf.reshape(filter, [kh * kw, fi * fo]), taps), [kh, kw, fi, fo]);
    const flipped = tf.transpose(reversed, [0, 1, 3, 2]) as tf.Tensor4D;
    const full = tf.conv2d(spaced, flipped, 1, pad);
    return sliceOrWhole(full, [0, crop[0], crop[1], 0], [n, h, w, ci]);
  });
}

let registered = false;

export function registerWasmFastKernels(): void {
  if (registered) return;
  registered = true;
  replaceWasmKernel('Conv2DBackpropInput', () => ({ inputs, attrs, backend }) => {
    const a = attrs as unknown as BackpropInputAttrs;
    const dy = inputs.dy as tf.Tensor4D;
    const filter = inputs.filter as tf.Tensor4D;
    const strides = pair(a.strides);
    const { padInfo } = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape, strides, 1, a.pad as 'valid', a.dimRoundingMode);
    return directInputGradient(backend as unknown as WasmBackendInternals, dy, filter, a.inputShape, strides, padInfo) ?? conv2dInputGradient(dy, filter, a);
  });
  replaceWasmKernel('BatchMatMul', (original) => (args) => {
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original(args);
    const a = args.inputs.a as tf.Tensor;
    const b = args.inputs.b as tf.Tensor;
    const swapLast = (t: tf.Tensor) => tf.transpose(t, [...Array(t.rank - 2).keys(), t.rank - 1, t.rank - 2]);
    return tf.tidy(() => tf.matMul(transposeA ? swapLast(a) : a, transposeB ? swapLast(b) : b));
  });
}
