// Classifies images with a trained model: softmax probabilities and the top-k classes of each image.
import * as tf from './tfjs.js';
import type { Model } from './model.js';
import type { InputPlan } from './data/input_fit.js';
import { evalContext } from './forward_context.js';
import { inputTensor, type Normalization } from './input_pipeline.js';

export interface Prediction {
  class: string;
  index: number;
  probability: number;
}

/** `pixels`: `count` images of `image` shape, NHWC, [0, 1]. Returns the top `k` classes of each. */
export async function classify(model: Model, pixels: Float32Array, count: number, image: [number, number, number], plan: InputPlan, classNames: string[], k = 3, norm?: Normalization): Promise<Prediction[][]> {
  const probabilities = tf.tidy(() => tf.softmax(model.forward(inputTensor(pixels, count, image, plan, norm), evalContext())));
  const values = (await probabilities.data()) as Float32Array;
  const classes = probabilities.shape[1] as number;
  probabilities.dispose();
  return Array.from({ length: count }, (_, i) =>
    Array.from(values.subarray(i * classes, (i + 1) * classes))
      .map((probability, index) => ({ class: classNames[index] ?? String(index), index, probability }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, k),
  );
}
