// In the bench page: the same networks in tfjs-layers (bench/layers_models.ts) on the page's engine and backend,
// timed as netc is (measure.ts).
import * as tf from '../../runtime/tfjs.js';
import { layersModel } from '../layers_models.js';
import { imagesPerSec, inputs, type Rates } from './measure.js';

export async function layersRates(name: string, batch: number, timed: number): Promise<Rates> {
  const model = layersModel(name, 28);
  const { x, labels } = inputs(batch);
  const y = tf.oneHot(labels, 10);
  const train = await imagesPerSec(batch, async () => {
    await model.trainOnBatch(x, y);
  }, timed);
  const infer = await imagesPerSec(batch, async () => {
    const out = model.predict(x) as tf.Tensor;
    await out.data();
    out.dispose();
  }, timed);
  tf.dispose([x, labels, y]);
  model.dispose();
  return { train: train.rate, infer: infer.rate, firstTrainMs: train.firstMs };
}

