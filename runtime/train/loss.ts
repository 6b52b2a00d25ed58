// Softmax cross-entropy (mean over the batch, as torch.nn.CrossEntropyLoss, with its label_smoothing) and
// correct-prediction counts.
import * as tf from '../tfjs.js';

/** `smoothing` ε: the target is (1 − ε)·one-hot + ε/classes, as CrossEntropyLoss(label_smoothing=ε). */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D, smoothing = 0): tf.Scalar {
  const classes = logits.shape[logits.rank - 1] as number;
  const logProbabilities = tf.logSoftmax(logits as tf.Tensor2D);
  const target = tf.oneHot(labels, classes, 1 - smoothing + smoothing / classes, smoothing / classes);
  return tf.neg(tf.mean(tf.sum(tf.mul(target, logProbabilities), 1))) as tf.Scalar;
}

/** How many rows' largest logit is the label (a float scalar, to accumulate on the device). */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}
