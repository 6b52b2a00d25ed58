// The benchmark's baseline: the same networks written with @tensorflow/tfjs-layers, as a tfjs user would.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type Layer = tfl.SymbolicTensor;

function lenet(bn: boolean): tfl.LayersModel {
  const m = tfl.sequential();
  const act = (a: 'sigmoid') => (bn ? undefined : a);
  m.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: bn ? 'valid' : 'same', activation: act('sigmoid') }));
  if (bn) m.add(tfl.layers.batchNormalization()), m.add(tfl.layers.activation({ activation: 'sigmoid' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
  m.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: act('sigmoid') }));
  if (bn) m.add(tfl.layers.batchNormalization()), m.add(tfl.layers.activation({ activation: 'sigmoid' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2, strides: 2 }));
  m.add(tfl.layers.flatten());
  for (const units of [120, 84]) {
    m.add(tfl.layers.dense({ units, activation: act('sigmoid') }));
    if (bn) m.add(tfl.layers.batchNormalization()), m.add(tfl.layers.activation({ activation: 'sigmoid' }));
  }
  m.add(tfl.layers.dense({ units: 10 }));
  return m;
}

function residual(x: Layer, channels: number, stride: number, project: boolean): Layer {
  let y = tfl.layers.conv2d({ filters: channels, kernelSize: 3, strides: stride, padding: 'same' }).apply(x) as Layer;
  y = tfl.layers.activation({ activation: 'relu' }).apply(tfl.layers.batchNormalization().apply(y)) as Layer;
  y = tfl.layers.batchNormalization().apply(tfl.layers.conv2d({ filters: channels, kernelSize: 3, padding: 'same' }).apply(y)) as Layer;
  const shortcut = project ? (tfl.layers.conv2d({ filters: channels, kernelSize: 1, strides: stride }).apply(x) as Layer) : x;
  return tfl.layers.activation({ activation: 'relu' }).apply(tfl.layers.add().apply([y, shortcut])) as Layer;
}

/** D2L's ResNet-18 (1×1 projection shortcuts without batchnorm). */
function resnet18(size: number): tfl.LayersModel {
  const input = tfl.input({ shape: [size, size, 1] });
  let x = tfl.layers.conv2d({ filters: 64, kernelSize: 7, strides: 2, padding: 'same' }).apply(input) as Layer;
  x = tfl.layers.activation({ activation: 'relu' }).apply(tfl.layers.batchNormalization().apply(x)) as Layer;
  x = tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as Layer;
  for (const [channels, first] of [[64, true], [128, false], [256, false], [512, false]] as const) {
    x = residual(x, channels, first ? 1 : 2, !first);
    x = residual(x, channels, 1, false);
  }
  x = tfl.layers.globalAveragePooling2d({}).apply(x) as Layer;
  return tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 10 }).apply(x) as Layer });
}

export function layersModel(name: string, size: number): tfl.LayersModel {
  const model = name === 'lenet' ? lenet(false) : name === 'lenet_bn' ? lenet(true) : resnet18(size);
  model.compile({ optimizer: tf.train.sgd(0.01), loss: (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
  return model;
}
