// The convolution gradient kernels of the wasm backend, which tfjs-backend-wasm lacks or does slowly, built
// from kernels it has (XNNPACK convolutions) or on netc's code, so the wasm backend can train:
// - Conv2DBackpropFilter: netc's SIMD code where the filter is small (convolution.ts), else a convolution
//   over transposed operands, the forward stride becoming the dilation;
// - Conv2DBackpropInput (a plain C++ loop in tfjs-backend-wasm) as a stride-1 convolution of the zero-spaced,
//   padded output gradient with the flipped, transposed filter: on netc's SIMD code where the filter is small
//   and the stride 1 (LeNet's second conv 5.1 against 7.6 ms), else on XNNPACK;
// - DepthwiseConv2dNativeBackpropFilter: the same idea per channel, as a depthwise convolution;
// - DepthwiseConv2dNativeBackpropInput: a stride-1 depthwise convolution of the zero-spaced, padded output
//   gradient with the spatially flipped filter.
// Each kernel returns a tensor made with ops inside tf.tidy; the engine adopts it as the kernel's output.
import * as tf from '../../../tfjs.js';
import { pair, type WasmKernelConfig } from '../kernel_config.js';
import { heapOf, offsetOf, type WasmBackendInternals } from '../memory.js';
import { directFilterGradient, directInputGradient, geometryOf } from './convolution.js';
import { matmulInputGradient } from './im2col.js';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

interface ConvAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
  filterShape?: [number, number, number, number];
  inputShape?: [number, number, number, number];
}


/** Padding (top, bottom, left, right) as the forward convolution used it. */
function padOf(xShape: number[], filterShape: number[], attrs: ConvAttrs, depthwise: boolean) {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    pair(attrs.strides),
    pair(attrs.dilations),
    attrs.pad as 'valid',
    attrs.dimRoundingMode,
    depthwise,
  );
  return info;
}

function assertUndilated(attrs: ConvAttrs, what: string): void {
  const [dh, dw] = pair(attrs.dilations);
  if (dh !== 1 || dw !== 1) throw new Error(`${what} on wasm: dilation > 1 is lowered by netc as a dilated filter and should not reach here`);
}

/** dW[i, j, ci, co] = Σ x[n, i + s·oh − p, j + s·ow − p, ci] · dy[n, oh, ow, co] */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: ConvAttrs): tf.Tensor4D {
  const [kh, kw, ci, co] = attrs.filterShape!;
  const info = padOf(x.shape, [kh, kw, ci, co], attrs, false);
  const { top, bottom, left, right } = info.padInfo;
  const [sh, sw] = pair(attrs.strides);
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [ci, H, W, N]: channels become the batch
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, N, co]: the output gradient becomes the filter
    const full = tf.conv2d(xT, dyT, 1, [[0, 0], [top, bottom], [left, right], [0, 0]], 'NHWC', [sh, sw]);
    return tf.transpose(sliceOrWhole(full, [0, 0, 0, 0], [ci, kh, kw, co]), [1, 2, 0, 3]);
  });
}

/** Depthwise: dW[i, j, c, m] = Σ x[n, i + s·oh − p, j + s·ow − p, c] · dy[n, oh, ow, c·M + m] */
export function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: ConvAttrs): tf.Tensor4D {
  const [kh, kw, c, m] = attrs.filterShape!;
  const info = padOf(x.shape, [kh, kw, c, m], attrs, true);
  const { top, bottom, left, right } = info.padInfo;
  const [sh, sw] = pair(attrs.strides);
  const [n, h, w] = x.shape;
  const [, oh, ow] = dy.shape;
  return tf.tidy(() => {
    // One "image" whose channels are (n, c, m): x repeated over m, dy as a per-channel filter.
    const xs = m === 1 ? x : tf.reshape(tf.tile(tf.reshape(x, [n, h, w, c, 1]), [1, 1, 1, 1, m]), [n, h, w, c * m]);
    const image = tf.reshape(tf.transpose(xs, [1, 2, 0, 3]), [1, h, w, n * c * m]) as tf.Tensor4D;
    const filter = tf.reshape(tf.transpose(dy, [1, 2, 0, 3]), [oh, ow, n * c * m, 1]) as tf.Tensor4D;
    const full = tf.depthwiseConv2d(image, filter, 1, [[0, 0], [top, bottom], [left, right], [0, 0]], 'NHWC', [sh, sw]);
    const perBatch = tf.reshape(sliceOrWhole(full, [0, 0, 0, 0], [1, kh, kw, n * c * m]), [kh, kw, n, c, m]);
    return tf.sum(perBatch, 2) as tf.Tensor4D;
  });
}

/** Inserts (s − 1) zeros between rows and columns of an NHWC tensor. */
export function spaceOut(t: tf.Tensor4D, [sh, sw]: [number, number]): tf.Tensor4D {
  let r = t;
  if (sh > 1) {
    const [n, h, w, c] = r.shape;
    r = tf.slice(tf.reshape(tf.concat([tf.reshape(r, [n, h, 1, w, c]), tf.zeros([n, h, sh - 1, w, c])], 2), [n, h * sh, w, c]), [0, 0, 0, 0], [n, (h - 1) * sh + 1, w, c]) as tf.Tensor4D;
  }
  if (sw > 1) {
    const [n, h, w, c] = r.shape;
    r = tf.slice(tf.reshape(tf.concat([tf.reshape(r, [n, h, w, 1, c]), tf.zeros([n, h, w, sw - 1, c])], 3), [n, h, w * sw, c]), [0, 0, 0, 0], [n, h, (w - 1) * sw + 1, c]) as tf.Tensor4D;
  }
  return r;
}

/**
 * The output gradient laid out for an input gradient as a stride-1 'valid' convolution with the flipped
 * filter: zeros between its rows and columns (the forward stride), then padding so the result covers the
 * input. A forward pad beyond the kernel would need negative padding: pad by zero and `crop` instead.
 */
/** x[begin : begin + size], or x itself where that is all of it (tfjs-backend-wasm's Slice copies: ~0.9 ms for [256, 14, 14, 6]). */
export function sliceOrWhole<T extends tf.Tensor>(x: T, begin: number[], size: number[]): T {
  const whole = begin.every((b) => b === 0) && size.every((d, i) => d === x.shape[i]);
  return whole ? x : (tf.slice(x, begin, size) as T);
}

export function fullConvolutionInput(dy: tf.Tensor4D, strides: [number, number], [kh, kw]: number[], [top, left]: number[], [h, w]: number[]) {
  const spaced = spaceOut(dy, strides);
  const padTop = kh - 1 - top;
  const padLeft = kw - 1 - left;
  const padBottom = h + kh - 1 - spaced.shape[1] - padTop;
  const padRight = w + kw - 1 - spaced.shape[2] - padLeft;
  // The convolution pads (XNNPACK reads zeros past the edge): an explicit pad would copy dy (1.7 ms for LeNet's conv2).
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [Math.max(0, padTop), Math.max(0, padBottom)], [Math.max(0, padLeft), Math.max(0, padRight)], [0, 0]];
  return { spaced, pad, crop: [Math.max(0, -padTop), Math.max(0, -padLeft)] as [number, number] };
}

/** Depthwise input gradient: dx = depthwise(spaced, padded dy, flipped filter), summed over the multiplier. */
export function depthwiseInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: ConvAttrs): tf.Tensor4D {
  const [n, h, w, c] = attrs.inputShape!;
  const [kh, kw, , m] = filter.shape;
  const info = padOf([n, h, w, c], filter.shape, attrs, true);
  const { top, left } = info.padInfo;
  const strides = pair(attrs.strides);
  return tf.tidy(() => {
    const { spaced, pad, crop } = fullConvolutionInput(dy, strides, [kh, kw], [top, left], [h, w]);
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, c * m, 1]) as tf.Tensor4D;
    const perOutput = tf.depthwiseConv2d(spaced, flipped, 1, pad);
    const cropped = sliceOrWhole(perOutput, [0, crop[0], crop[1], 0], [n, h, w, c * m]);
    return m === 1 ? cropped : (tf.sum(tf.reshape(cropped, [n, h, w, c, m]), 4) as tf.Tensor4D);
  });
}

/**
 * The filter with both spatial axes reversed: its kh·kw taps (rows of ci·co floats) copied in reverse order,
 * one memory copy each (tf.gather over the taps took 53 ms for a 3×3×256×256 filter, tf.reverse is slower).
 */
export function flipTaps(backend: WasmBackendInternals, filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const out = backend.makeOutput(filter.shape, 'float32');
  const heap = heapOf(backend);
  const [from, to, tap] = [offsetOf(backend, filter) / 4, offsetOf(backend, out) / 4, ci * co];
  for (let t = 0; t < kh * kw; t++) heap.copyWithin(to + t * tap, from + (kh * kw - 1 - t) * tap, from + (kh * kw - t) * tap);
  return tf.engine().makeTensorFromTensorInfo(out) as tf.Tensor4D;
}

interface BackpropInputAttrs {
  inputShape: [number, number, number, number];
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dx[n, h, w, ci] = Σ spacedPaddedDy[n, h + i, w + j, co] · W[kh − 1 − i, kw − 1 − j, ci, co] */
export function conv2dInputGradient(backend: WasmBackendInternals, dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: BackpropInputAttrs): tf.Tensor4D {
  const [n, h, w, ci] = attrs.inputShape;
  const [kh, kw] = filter.shape;
  const strides = pair(attrs.strides);
  const { top, left } = tf.backend_util.computeConv2DInfo([n, h, w, ci], filter.shape, strides, 1, attrs.pad as 'valid', attrs.dimRoundingMode).padInfo;
  return tf.tidy(() => {
    const { spaced, pad, crop } = fullConvolutionInput(dy, strides, [kh, kw], [top, left], [h, w]);
    const flipped = tf.transpose(flipTaps(backend, filter), [0, 1, 3, 2]) as tf.Tensor4D;
    const full = tf.conv2d(spaced, flipped, 1, pad);
    return sliceOrWhole(full, [0, crop[0], crop[1], 0], [n, h, w, ci]);
  });
}

const conv2dBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const a = attrs as unknown as ConvAttrs;
  assertUndilated(a, 'Conv2DBackpropFilter');
  const x = inputs.x as tf.Tensor4D;
  const dy = inputs.dy as tf.Tensor4D;
  const direct = directFilterGradient(backend as unknown as WasmBackendInternals, x, dy, a.filterShape!, pair(a.strides), padOf(x.shape, a.filterShape!, a, false).padInfo);
  return direct ?? conv2dFilterGradient(x, dy, a);
};

const conv2dBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const a = attrs as unknown as BackpropInputAttrs;
  const dy = inputs.dy as tf.Tensor4D;
  const filter = inputs.filter as tf.Tensor4D;
  const strides = pair(a.strides);
  const { padInfo } = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape, strides, 1, a.pad as 'valid', a.dimRoundingMode);
  const wasm = backend as unknown as WasmBackendInternals;
  // netc's code for a stride-1 input gradient of any filter size where the input map is larger than 2×2:
  // 1.2–1.7× XNNPACK's at ResNet-18's and FashionNet's 4×4–14×14 layers (bench/conv_grad_bench.ts).
  const [, h, w] = a.inputShape;
  const direct = directInputGradient(wasm, dy, filter, a.inputShape, strides, padInfo, h * w > 4);
  if (direct) return direct;
  const g = geometryOf(a.inputShape, filter.shape, strides, padInfo);
  // As a product where the convolution would mostly multiply zeros: the zero-spaced dy of a stride, or a
  // feature map of at most 2×2 padded to 4×4 (ResNet-18@28's stage 3–4; 1.7–4× faster there, measured by
  // bench/conv_grad_bench.ts), and a 1×1 filter, whose input gradient is one product.
  if (strides[0] > 1 || strides[1] > 1 || g.oh * g.ow <= 4 || (g.kh === 1 && g.kw === 1)) return matmulInputGradient(wasm, dy, filter, g, a.inputShape[0]);
  return conv2dInputGradient(wasm, dy, filter, a);
};

/**
 * A depthwise conv of one input channel is a plain conv with the multiplier as its output channels (the same
 * filter layout): netc's conv filter gradient. The depthwise formulation would tile x over the multiplier —
 * AlexNet's first conv, lowered as depthwise 1 × 96 at 224×224 and batch 128, asked for a 2.35 GB tile.
 */
const depthwiseBackpropFilter: tf.KernelFunc = (args) => {
  const a = args.attrs as unknown as ConvAttrs;
  const x = args.inputs.x as tf.Tensor4D;
  if (x.shape[3] === 1) return conv2dBackpropFilter(args);
  return depthwiseFilterGradient(x, args.inputs.dy as tf.Tensor4D, a);
};

export const convGradientKernels: WasmKernelConfig[] = [
  { kernelName: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilter },
  // tfjs-backend-wasm's own is replaced whole (its setupFunc is kept); the original is never called.
  { kernelName: 'Conv2DBackpropInput', wrap: () => conv2dBackpropInput },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', kernelFunc: depthwiseBackpropFilter },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', kernelFunc: ({ inputs, attrs }) => depthwiseInputGradient(inputs.dy as tf.Tensor4D, inputs.filter as tf.Tensor4D, attrs as unknown as ConvAttrs) },
];
