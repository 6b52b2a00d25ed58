// Softmax cross-entropy (mean over the batch, as torch.nn.CrossEntropyLoss) and correct-prediction counts.
import * as tf from '../tfjs.js';

export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  const classes = logits.shape[logits.rank - 1] as number;
  const logProbabilities = tf.logSoftmax(logits as tf.Tensor2D);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, classes), logProbabilities), 1))) as tf.Scalar;
}

/** How many rows' largest logit is the label (a float scalar, to accumulate on the device). */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}
