// Convolution gradients as matrix products on the wasm backend (XNNPACK's fully-connected, through MatMul):
// the filter gradient dW = colsᵀ · dy and the input gradient dx = col2im(dy · Wᵀ), where cols [M, kh·kw·ci]
// (M = n·oh·ow output pixels) holds each output pixel's input patch. Why: the convolution formulation
// (conv_gradients.ts) runs XNNPACK's convolution with a "filter" that is new every step (packed on every call)
// and, for the filter gradient, a batch of ci images with a kernel the size of the feature map — 3 to 10× slower
// than the same multiply-adds as one product at ResNet-18@28's small feature maps.
import * as tf from '../../../tfjs.js';
import { heapOf, offsetOf, type WasmBackendInternals } from '../memory.js';
import type { ConvGeometry } from './convolution_code.js';

/** Floats of cols at most per product; a larger batch runs in groups of images (ResNet-18@28, batch 128: 3.6M at most). */
const maxColsFloats = 1 << 23;

/** Images per group so that a group's cols stay within maxColsFloats (at least one). */
export function imagesPerGroup(n: number, g: ConvGeometry): number {
  const perImage = g.oh * g.ow * g.kh * g.kw * g.ci;
  return Math.max(1, Math.min(n, Math.floor(maxColsFloats / perImage)));
}

/**
 * Visits every (output pixel m, tap t) of images [n0, n1) whose input pixel is inside x (not padding), with
 * the float offsets of the input pixel in x and of the patch slot in cols (relative to image n0).
 */
function forEachTap(g: ConvGeometry, n0: number, n1: number, visit: (xAt: number, colAt: number) => void): void {
  const taps = g.kh * g.kw;
  const rowFloats = taps * g.ci;
  for (let n = n0; n < n1; n++)
    for (let oy = 0; oy < g.oh; oy++)
      for (let ox = 0; ox < g.ow; ox++) {
        const m = ((n - n0) * g.oh + oy) * g.ow + ox;
        for (let i = 0; i < g.kh; i++) {
          const y = oy * g.sh + i - g.top;
          if (y < 0 || y >= g.h) continue;
          for (let j = 0; j < g.kw; j++) {
            const x = ox * g.sw + j - g.left;
            if (x < 0 || x >= g.w) continue;
            visit(((n * g.h + y) * g.w + x) * g.ci, m * rowFloats + (i * g.kw + j) * g.ci);
          }
        }
      }
}

/** cols [M, kh·kw·ci] of images [n0, n1) of x (NHWC), zeros where a patch reads padding. */
export function im2col(backend: WasmBackendInternals, x: tf.TensorInfo, g: ConvGeometry, n0: number, n1: number): tf.TensorInfo {
  const rows = (n1 - n0) * g.oh * g.ow;
  const cols = backend.makeOutput([rows, g.kh * g.kw * g.ci], 'float32');
  const heap = heapOf(backend);
  const [from, to] = [offsetOf(backend, x) / 4, offsetOf(backend, cols) / 4];
  heap.fill(0, to, to + rows * g.kh * g.kw * g.ci);
  const ci = g.ci;
  if (ci >= 16) forEachTap(g, n0, n1, (xAt, colAt) => heap.copyWithin(to + colAt, from + xAt, from + xAt + ci));
  else forEachTap(g, n0, n1, (xAt, colAt) => {
    for (let c = 0; c < ci; c++) heap[to + colAt + c] = heap[from + xAt + c];
  });
  return cols;
}

/** dx[n0..n1) += the patches of dcols [M, kh·kw·ci] added back where they were read (the adjoint of im2col). */
export function col2imAdd(backend: WasmBackendInternals, dcols: tf.TensorInfo, dx: tf.TensorInfo, g: ConvGeometry, n0: number, n1: number): void {
  const heap = heapOf(backend);
  const [from, to] = [offsetOf(backend, dcols) / 4, offsetOf(backend, dx) / 4];
  const ci = g.ci;
  forEachTap(g, n0, n1, (xAt, colAt) => {
    const [a, b] = [to + xAt, from + colAt];
    for (let c = 0; c < ci; c++) heap[a + c] += heap[b + c];
  });
}

const asTensor = (t: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(t) as tf.Tensor2D;

/** dW [kh, kw, ci, co] = Σ over groups of images of (dyᵀ · cols)ᵀ. */
export function matmulFilterGradient(backend: WasmBackendInternals, x: tf.TensorInfo, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const n = x.shape[0];
  const step = imagesPerGroup(n, g);
  const perImage = g.oh * g.ow;
  return tf.tidy(() => {
    const dy2d = tf.reshape(dy, [n * perImage, g.co]);
    let sum: tf.Tensor | undefined;
    for (let n0 = 0; n0 < n; n0 += step) {
      const n1 = Math.min(n, n0 + step);
      const cols = asTensor(im2col(backend, x, g, n0, n1));
      const part = n1 - n0 === n ? dy2d : tf.slice(dy2d, [n0 * perImage, 0], [(n1 - n0) * perImage, g.co]);
      const product = tf.matMul(tf.transpose(part), cols); // [co, kh·kw·ci]: dy's transpose is the smaller one
      sum = sum ? tf.add(sum, product) : product;
      cols.dispose();
    }
    return tf.reshape(tf.transpose(sum!), [g.kh, g.kw, g.ci, g.co]) as tf.Tensor4D;
  });
}

/** dx [n, h, w, ci] = col2im(dy · Wᵀ), per group of images. */
export function matmulInputGradient(backend: WasmBackendInternals, dy: tf.Tensor4D, filter: tf.Tensor4D, g: ConvGeometry, n: number): tf.TensorInfo {
  const step = imagesPerGroup(n, g);
  const perImage = g.oh * g.ow;
  const dx = backend.makeOutput([n, g.h, g.w, g.ci], 'float32');
  heapOf(backend).fill(0, offsetOf(backend, dx) / 4, offsetOf(backend, dx) / 4 + n * g.h * g.w * g.ci);
  tf.tidy(() => {
    const wT = tf.transpose(tf.reshape(filter, [g.kh * g.kw * g.ci, g.co])); // [co, kh·kw·ci]
    const dy2d = tf.reshape(dy, [n * perImage, g.co]);
    for (let n0 = 0; n0 < n; n0 += step) {
      const n1 = Math.min(n, n0 + step);
      const part = n1 - n0 === n ? dy2d : tf.slice(dy2d, [n0 * perImage, 0], [(n1 - n0) * perImage, g.co]);
      const dcols = tf.matMul(part, wT);
      col2imAdd(backend, dcols, dx, g, n0, n1);
      dcols.dispose();
    }
  });
  return dx;
}
