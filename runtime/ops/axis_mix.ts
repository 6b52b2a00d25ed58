// Linear maps along one spatial axis as matrix products: adaptive pooling and bilinear upsampling are
// separable (rows, then columns), so two small matmuls compute them exactly, with plain matmul gradients on
// every backend (tfjs's ResizeBilinearGrad and ResizeNearestNeighborGrad give wrong gradients here on
// non-square images).
import * as tf from '../tfjs.js';

/** Multiplies axis 1 of an [N, A, B, C] tensor by an [out, A] matrix: [N, out, B, C]. */
function mixAxis1(x: tf.Tensor4D, m: tf.Tensor2D): tf.Tensor4D {
  const [n, a, b, c] = x.shape;
  const rows = tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [a, n * b * c]);
  return tf.transpose(tf.reshape(tf.matMul(m, rows), [m.shape[0], n, b, c]), [1, 0, 2, 3]);
}

/** y[n, i, j, c] = Σ_a Σ_b rows[i, a] · x[n, a, b, c] · cols[j, b], for [out, in] matrices as row-major data. */
export function mixHeightWidth(x: tf.Tensor4D, rows: { data: Float32Array; out: number }, cols: { data: Float32Array; out: number }): tf.Tensor4D {
  const [, h, w] = x.shape;
  const byRows = mixAxis1(x, tf.tensor2d(rows.data, [rows.out, h]));
  const byCols = mixAxis1(tf.transpose(byRows, [0, 2, 1, 3]), tf.tensor2d(cols.data, [cols.out, w]));
  return tf.transpose(byCols, [0, 2, 1, 3]);
}
