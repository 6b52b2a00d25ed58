// The gradient comparisons of docs/results.md: two pairs of networks trained briefly with `--trace-grad N`,
// whose gradients.svg pictures go side by side (the seed's "products of small derivatives" claim, measured).
import type { Recipe } from './recipes.js';

export interface TracePair {
  /** Section key, e.g. "sigmoid-vs-relu". */
  key: string;
  title: string;
  /** What the pair isolates, one sentence. */
  question: string;
  runs: [TraceRun, TraceRun];
}

export interface TraceRun extends Recipe {
  /** `--trace-grad N`: record every N steps. */
  traceEvery: number;
  /** The short label of this side ("sigmoid", "relu", "plain", "residual"). */
  label: string;
}

const traceBase = {
  set: {}, weightDecay: 0, randomCrop: 0, flip: false, labelSmoothing: 0, normalize: 'none', schedule: 'constant', batch: 128,
} as const;

export const tracePairs: TracePair[] = [
  {
    key: 'sigmoid-vs-relu',
    title: 'LeNet: sigmoid vs relu',
    question: 'the same LeNet (D2L init, plain SGD) with sigmoid or with relu activations',
    runs: [
      {
        ...traceBase, name: 'trace_lenet_sigmoid', label: 'sigmoid', file: 'networks/lenet.net', epochs: 2, optimizer: 'sgd', lr: 0.9, init: 'd2l',
        limit: 12800, testLimit: 2000, traceEvery: 10, budgetMinutes: 0.5, why: "networks/lenet.net as D2L trains it",
      },
      {
        ...traceBase, name: 'trace_lenet_relu', label: 'relu', file: 'examples/gradients/lenet_relu.net', epochs: 2, optimizer: 'sgd', lr: 0.1, init: 'd2l',
        limit: 12800, testLimit: 2000, traceEvery: 10, budgetMinutes: 0.5, why: "relu instead of sigmoid; lr 0.1, netc's default (0.9 is D2L's for sigmoid's small gradients)",
      },
    ],
  },
  {
    key: 'plain-vs-residual',
    title: '20 convolutions: plain vs residual',
    question: '20 convolutions of 16 channels at 28×28 without batchnorm, with or without identity shortcuts',
    runs: [
      {
        ...traceBase, name: 'trace_deep_plain', label: 'plain', file: 'examples/gradients/deep_plain.net', epochs: 1, optimizer: 'sgd', lr: 0.05, init: 'pytorch',
        limit: 3840, testLimit: 2000, traceEvery: 5, budgetMinutes: 1, why: 'plain SGD, PyTorch init: nothing that rescues a deep plain stack',
      },
      {
        ...traceBase, name: 'trace_deep_residual', label: 'residual', file: 'examples/gradients/deep_residual.net', epochs: 1, optimizer: 'sgd', lr: 0.05, init: 'pytorch',
        limit: 3840, testLimit: 2000, traceEvery: 5, budgetMinutes: 1, why: 'the same, with shortcuts',
      },
    ],
  },
];

/** The trace runs as one list, in the pairs' order. */
export const traceRuns = (pairs: TracePair[] = tracePairs): TraceRun[] => pairs.flatMap((p) => p.runs);
