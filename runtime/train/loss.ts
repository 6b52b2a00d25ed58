// Softmax cross-entropy (mean over the batch, as torch.nn.CrossEntropyLoss, with its label_smoothing) and
// correct-prediction counts.
import * as tf from '../tfjs.js';

/** `smoothing` ε: the target is (1 − ε)·one-hot + ε/classes, as CrossEntropyLoss(label_smoothing=ε). */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D, smoothing = 0): tf.Scalar {
  const classes = logits.shape[logits.rank - 1] as number;
  const logProbabilities = tf.logSoftmax(logits as tf.Tensor2D);
  const nll = tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, classes), logProbabilities), 1))) as tf.Scalar;
  if (smoothing === 0) return nll;
  // Not oneHot(on, off): tfjs-wasm's OneHot kernel takes its on/off values as integers (0.9 becomes 0).
  const uniform = tf.neg(tf.div(tf.mean(tf.sum(logProbabilities, 1)), classes));
  return tf.add(tf.mul(nll, 1 - smoothing), tf.mul(uniform, smoothing)) as tf.Scalar;
}

/** How many rows' largest logit is the label (a float scalar, to accumulate on the device). */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}
