// The numbers docs/results.md compares against, each with where it was read: D2L's printed accuracies and the
// Fashion-MNIST README's benchmark table. Nothing here is measured by netc.

export interface D2lReference {
  chapter: string;
  /** The test accuracy D2L printed (`loss …, train acc …, test acc …`), or undefined: not found. */
  testAccuracy?: number;
  /** The printed line, verbatim. */
  printed?: string;
  /** D2L's own setup, for reading the comparison. */
  setup: string;
  url: string;
}

/**
 * D2L (zh-v2.d2l.ai, the PyTorch edition's train_ch6 output; the English 1.0 edition plots and prints no line).
 * The stored d2l.ai pages show only their opening, so each line was read, verbatim with the book's own
 * examples/sec, from public copies of the page's source that keep its printed output (ResNet: 3 identical
 * copies, BatchNorm: 2, LeNet and VGG: 1 each). Chapters without such a line are "not found", never a guess.
 */
export const d2lReferences: Record<string, D2lReference> = {
  lenet: {
    chapter: '6.6 LeNet', testAccuracy: 0.779, printed: 'loss 0.469, train acc 0.823, test acc 0.779 (55296.6 examples/sec on cuda:0)',
    setup: '10 epochs, SGD 0.9, batch 256, 28×28', url: 'https://zh-v2.d2l.ai/chapter_convolutional-neural-networks/lenet.html',
  },
  alexnet: {
    chapter: '7.1 AlexNet', setup: '10 epochs, SGD 0.01, batch 128, 224×224', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/alexnet.html',
  },
  vgg: {
    chapter: '7.2 VGG', testAccuracy: 0.919, printed: 'loss 0.178, train acc 0.934, test acc 0.919 (2546.8 examples/sec on cuda:0)',
    setup: '10 epochs, SGD 0.05, batch 128, 224×224, channels ÷ 4', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/vgg.html',
  },
  nin: { chapter: '7.3 NiN', setup: '10 epochs, SGD 0.1, batch 128, 224×224', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/nin.html' },
  googlenet: { chapter: '7.4 GoogLeNet', setup: '10 epochs, SGD 0.1, batch 128, 96×96', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/googlenet.html' },
  'batch-norm': {
    chapter: '7.5 batch normalization (LeNet)', testAccuracy: 0.807, printed: 'loss 0.273, train acc 0.899, test acc 0.807 (32293.9 examples/sec on cuda:0)',
    setup: '10 epochs, SGD 1.0, batch 256, 28×28 (the from-scratch BatchNorm)', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/batch-norm.html',
  },
  resnet: {
    chapter: '7.6 ResNet', testAccuracy: 0.893, printed: 'loss 0.012, train acc 0.997, test acc 0.893 (5032.7 examples/sec on cuda:0)',
    setup: '10 epochs, SGD 0.05, batch 256, 96×96', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/resnet.html',
  },
  densenet: { chapter: '7.7 DenseNet', setup: '10 epochs, SGD 0.1, batch 256, 96×96', url: 'https://zh-v2.d2l.ai/chapter_convolutional-modern/densenet.html' },
};

export interface BenchmarkRow {
  classifier: string;
  preprocessing: string;
  accuracy: number;
}

export const benchmarkSource = {
  url: 'https://github.com/zalandoresearch/fashion-mnist#benchmark',
  commit: '789103ddf3ef47449683debad30061320a3acddf',
  note: "submitted results the maintainers say they have not tested; the neural-network rows of the README's table",
};

/** The Fashion-MNIST README's benchmark table (test accuracy), in its order. */
export const benchmarkRows: BenchmarkRow[] = [
  { classifier: '2 Conv+pooling', preprocessing: 'none', accuracy: 0.876 },
  { classifier: '2 Conv+pooling (TensorFlow doc)', preprocessing: 'none', accuracy: 0.916 },
  { classifier: '2 Conv+pooling+ELU (PyTorch)', preprocessing: 'none', accuracy: 0.903 },
  { classifier: '2 Conv', preprocessing: 'normalization, flips, translation, rotation', accuracy: 0.919 },
  { classifier: '2 Conv <100K parameters', preprocessing: 'none', accuracy: 0.925 },
  { classifier: '2 Conv ~113K parameters', preprocessing: 'normalization', accuracy: 0.922 },
  { classifier: '2 Conv+3 FC ~1.8M parameters', preprocessing: 'normalization', accuracy: 0.932 },
  { classifier: '2 Conv+3 FC ~500K parameters', preprocessing: 'augmentation, batch normalization', accuracy: 0.934 },
  { classifier: '2 Conv+pooling+BN', preprocessing: 'none', accuracy: 0.934 },
  { classifier: '2 Conv+2 FC', preprocessing: 'random horizontal flips', accuracy: 0.939 },
  { classifier: '3 Conv+2 FC', preprocessing: 'none', accuracy: 0.907 },
  { classifier: '3 Conv+pooling+BN', preprocessing: 'none', accuracy: 0.903 },
  { classifier: '3 Conv+pooling+2 FC+dropout', preprocessing: 'none', accuracy: 0.926 },
  { classifier: '3 Conv+BN+pooling', preprocessing: 'none', accuracy: 0.921 },
  { classifier: '5 Conv+BN+pooling', preprocessing: 'none', accuracy: 0.931 },
  { classifier: 'CNN with optional shortcuts, dense-like connectivity', preprocessing: 'standardization, augmentation, random erasing', accuracy: 0.947 },
  { classifier: 'WRN40-4 8.9M params', preprocessing: 'mean/std, random crops, horizontal flips', accuracy: 0.967 },
  { classifier: 'DenseNet-BC 768K params', preprocessing: 'mean/std, random crops, horizontal flips', accuracy: 0.954 },
  { classifier: 'MobileNet', preprocessing: 'horizontal flips', accuracy: 0.95 },
  { classifier: 'ResNet18', preprocessing: 'normalization, flips, translation, rotation', accuracy: 0.949 },
  { classifier: 'GoogleNet with cross-entropy loss', preprocessing: 'none', accuracy: 0.937 },
  { classifier: 'AlexNet with Triplet loss', preprocessing: 'none', accuracy: 0.899 },
  { classifier: 'SqueezeNet, cyclical learning rate, 200 epochs', preprocessing: 'none', accuracy: 0.9 },
  { classifier: 'Dual path network with WRN-28-10', preprocessing: 'mean/std, random crops, horizontal flips', accuracy: 0.957 },
  { classifier: 'MLP 256-128-100', preprocessing: 'none', accuracy: 0.8833 },
  { classifier: 'VGG16 26M parameters', preprocessing: 'none', accuracy: 0.935 },
  { classifier: 'WRN-28-10', preprocessing: 'mean/std, random crops, horizontal flips', accuracy: 0.959 },
  { classifier: 'WRN-28-10 + Random Erasing', preprocessing: 'mean/std, random crops, horizontal flips', accuracy: 0.963 },
  { classifier: 'Human performance', preprocessing: 'crowd-sourced, 1000 test images, majority of 3 labels', accuracy: 0.835 },
  { classifier: 'Capsule Network 8M parameters', preprocessing: 'normalization, 2-pixel shifts, horizontal flips', accuracy: 0.936 },
  { classifier: 'DENSER', preprocessing: '-', accuracy: 0.953 },
  { classifier: 'Google AutoML (24 compute hours)', preprocessing: '-', accuracy: 0.939 },
];
