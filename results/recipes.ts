// One documented training recipe per network of networks/: what `npm run results` trains, and why that way.
// Budgets are minutes on the 2-core development machine (wasm backend), reached by epochs and --limit.

export type Optimizer = 'sgd' | 'momentum' | 'adam';
export type Schedule = 'constant' | 'cosine' | 'step' | 'onecycle';

export interface Recipe {
  /** Row key and run-directory name (runs/results/<name>). */
  name: string;
  /** The .net file, relative to the repository root. */
  file: string;
  /** `--network` (default: the file's first). */
  network?: string;
  /** `--set NAME=VALUE` pairs. */
  set: Record<string, number | string>;
  /** `--resize N` where the network's input is not 28×28. */
  resize?: number;
  epochs: number;
  batch: number;
  optimizer: Optimizer;
  lr: number;
  schedule: Schedule;
  weightDecay: number;
  /** `--random-crop P` (0: none). */
  randomCrop: number;
  flip: boolean;
  /** `--label-smoothing X` (0: off). */
  labelSmoothing: number;
  init: 'pytorch' | 'd2l';
  normalize: 'none' | 'fashion-mnist' | 'auto';
  /** `--limit N`: the first N training images per epoch (undefined: all 60,000). */
  limit?: number;
  /** `--test-limit N`: evaluate on the first N test images (undefined: all 10,000). */
  testLimit?: number;
  /** `--val-split F`: choices on a validation split (the best network's protocol). */
  valSplit?: number;
  /** Minutes this network may take on the development machine. */
  budgetMinutes: number;
  /** The chapter of D2L (PyTorch edition) whose printed accuracy goes beside it (references.ts), if any. */
  d2l?: string;
  /** One line: why this recipe. */
  why: string;
  /** The best network of §1 (the lead's design): rendered as its own section, run last. */
  best?: boolean;
}

const base = { set: {}, weightDecay: 0, randomCrop: 0, flip: false, labelSmoothing: 0, init: 'pytorch', normalize: 'none' } as const;

/** The 15 seed networks, in the seed's order of ideas, then the best network. */
export const recipes: Recipe[] = [
  {
    ...base, name: 'lenet', file: 'networks/lenet.net', epochs: 10, batch: 256, optimizer: 'sgd', lr: 0.9, schedule: 'constant',
    init: 'd2l', budgetMinutes: 3, d2l: 'lenet',
    why: "D2L §7.6's recipe exactly (SGD 0.9, batch 256, xavier init): sigmoid LeNet does not learn in 10 epochs without it",
  },
  {
    ...base, name: 'alexnet', file: 'networks/alexnet.net', resize: 224, epochs: 1, batch: 128, optimizer: 'sgd', lr: 0.01, schedule: 'constant',
    limit: 512, testLimit: 500, budgetMinutes: 2, d2l: 'alexnet',
    why: "D2L §8.1's lr 0.01 and batch 128 at its fixed 224×224 input; a --limit subset, since one full epoch would take hours here",
  },
  {
    ...base, name: 'vgg11', file: 'networks/vgg11.net', network: 'VGG11Small', resize: 224, epochs: 1, batch: 128, optimizer: 'sgd', lr: 0.05, schedule: 'constant',
    limit: 1024, testLimit: 1000, budgetMinutes: 2, d2l: 'vgg',
    why: "D2L §8.2 trains the channel-reduced VGG-11 (VGG11Small) at lr 0.05, batch 128, 224×224; a --limit subset for the budget",
  },
  {
    ...base, name: 'nin', file: 'networks/nin.net', resize: 224, epochs: 1, batch: 128, optimizer: 'sgd', lr: 0.1, schedule: 'constant',
    limit: 640, testLimit: 640, budgetMinutes: 2, d2l: 'nin',
    why: "D2L §8.3's lr 0.1, batch 128 at 224×224; a --limit subset for the budget (NiN learns slowly at first: expect little)",
  },
  {
    ...base, name: 'googlenet', file: 'networks/googlenet.net', resize: 96, epochs: 1, batch: 128, optimizer: 'sgd', lr: 0.1, schedule: 'constant',
    limit: 1920, testLimit: 2000, budgetMinutes: 2, d2l: 'googlenet',
    why: "D2L §8.4's lr 0.1, batch 128 at its 96×96 input; a --limit subset for the budget",
  },
  {
    ...base, name: 'lenet_bn', file: 'networks/lenet_bn.net', epochs: 10, batch: 256, optimizer: 'sgd', lr: 1.0, schedule: 'constant',
    budgetMinutes: 3, d2l: 'batch-norm',
    why: "D2L §8.5's recipe (lr 1.0, batch 256, 10 epochs): batchnorm lets plain SGD run at a learning rate that would blow up LeNet",
  },
  {
    ...base, name: 'resnet18', file: 'networks/resnet18.net', set: { size: 28 }, epochs: 1, batch: 128, optimizer: 'momentum', lr: 0.05, schedule: 'cosine',
    weightDecay: 5e-4, randomCrop: 2, flip: true, limit: 20000, budgetMinutes: 4, d2l: 'resnet',
    why: 'the 28×28 variant (D2L trains 96×96): momentum, cosine and light augmentation, the usual CIFAR-style recipe, on a third of the images per epoch',
  },
  {
    ...base, name: 'resnet18_torchvision', file: 'networks/resnet18_torchvision.net', set: { channels: 1, size: 28, classes: 10 }, epochs: 1, batch: 128,
    optimizer: 'momentum', lr: 0.05, schedule: 'cosine', weightDecay: 5e-4, limit: 10000, budgetMinutes: 2,
    why: "torchvision's ResNet-18 (7×7 stride-2 stem, maxpool) at 28×28: the stem leaves 7×7 after two layers, so it trails the D2L variant",
  },
  {
    ...base, name: 'densenet', file: 'networks/densenet.net', resize: 96, epochs: 1, batch: 128, optimizer: 'sgd', lr: 0.1, schedule: 'constant',
    limit: 3000, testLimit: 2000, budgetMinutes: 2, d2l: 'densenet',
    why: "D2L §8.7's lr 0.1 at its 96×96 input, batch 128 instead of 256 (more steps in the budget); a --limit subset",
  },
  {
    ...base, name: 'se_resnet18', file: 'networks/se_resnet18.net', epochs: 1, batch: 128, optimizer: 'momentum', lr: 0.05, schedule: 'cosine',
    weightDecay: 5e-4, limit: 1024, testLimit: 1000, budgetMinutes: 2,
    why: "ResNet-18's recipe (momentum, cosine, weight decay) so the squeeze-excite blocks are the only difference",
  },
  {
    ...base, name: 'resnext', file: 'networks/resnext.net', epochs: 1, batch: 32, optimizer: 'momentum', lr: 0.05, schedule: 'cosine',
    weightDecay: 5e-4, limit: 256, testLimit: 384, budgetMinutes: 3,
    why: 'the ResNet recipe; grouped convolutions run as split → conv → concat on wasm (~2 img/s, and batch 64 ran out of wasm memory) until the one-kernel grouped conv lands, hence batch 32 and the small --limit',
  },
  {
    ...base, name: 'shufflenet', file: 'networks/shufflenet.net', epochs: 1, batch: 128, optimizer: 'momentum', lr: 0.05, schedule: 'cosine',
    weightDecay: 4e-5, limit: 768, testLimit: 1000, budgetMinutes: 2,
    why: "momentum with cosine and the paper's small weight decay (4e-5): depthwise and group convs overfit little",
  },
  {
    ...base, name: 'mobilenet_v2', file: 'networks/mobilenet_v2.net', set: { channels: 1, size: 28, classes: 10 }, epochs: 1, batch: 128,
    optimizer: 'momentum', lr: 0.05, schedule: 'cosine', weightDecay: 4e-5, limit: 3000, budgetMinutes: 2,
    why: "torchvision's MobileNetV2 at 28×28 with the paper's weight decay 4e-5; momentum and cosine as for the ResNets",
  },
  {
    ...base, name: 'efficientnet_b0', file: 'networks/efficientnet_b0.net', set: { channels: 1, size: 28, classes: 10 }, epochs: 1, batch: 128,
    optimizer: 'momentum', lr: 0.05, schedule: 'cosine', weightDecay: 1e-5, limit: 768, testLimit: 1000, budgetMinutes: 2,
    why: "torchvision's EfficientNet-B0 at 28×28; weight decay 1e-5 as the paper's, SGD with momentum instead of its RMSProp (not in netc)",
  },
  {
    ...base, name: 'convnext_t', file: 'networks/convnext_t.net', set: { channels: 1, size: 28, classes: 10, patch: 2 }, epochs: 1, batch: 64,
    optimizer: 'adam', lr: 0.001, schedule: 'cosine', weightDecay: 0, limit: 768, testLimit: 1000, budgetMinutes: 2,
    why: 'ConvNeXt is trained with AdamW in its paper: Adam at 0.001 with cosine (netc has no decoupled decay); patch 2 so 28×28 leaves 14×14',
  },
  {
    ...base, name: 'fashion_net', file: 'networks/fashion_net.net', epochs: 11, batch: 256, optimizer: 'momentum', lr: 0.2, schedule: 'onecycle',
    weightDecay: 5e-4, randomCrop: 1, flip: true, labelSmoothing: 0.1, normalize: 'fashion-mnist', valSplit: 0.05, budgetMinutes: 30, best: true,
    why: "the lead's design (its file says why): one-cycle to 0.2 with label smoothing 0.1, crop ±1 and flips, as many epochs as 30 minutes allow at netc's speed; choices made on a validation split of the training images, the test split evaluated once, at the end",
  },
];

/** Every flag of a recipe's `netc train`, in the order `netc help train` lists them (without --out/--json). */
export function recipeFlags(r: Recipe): string[] {
  const flags: string[] = [];
  if (r.network) flags.push('--network', r.network);
  for (const [k, v] of Object.entries(r.set)) flags.push('--set', `${k}=${v}`);
  flags.push('--epochs', String(r.epochs), '--batch', String(r.batch), '--optimizer', r.optimizer, '--lr', String(r.lr));
  if (r.weightDecay) flags.push('--weight-decay', String(r.weightDecay));
  if (r.schedule !== 'constant') flags.push('--schedule', r.schedule);
  if (r.init !== 'pytorch') flags.push('--init', r.init);
  if (r.randomCrop) flags.push('--random-crop', String(r.randomCrop));
  if (r.flip) flags.push('--flip');
  if (r.labelSmoothing) flags.push('--label-smoothing', String(r.labelSmoothing));
  if (r.limit !== undefined) flags.push('--limit', String(r.limit));
  if (r.testLimit !== undefined) flags.push('--test-limit', String(r.testLimit));
  if (r.resize !== undefined) flags.push('--resize', String(r.resize));
  if (r.valSplit !== undefined) flags.push('--val-split', String(r.valSplit));
  if (r.normalize !== 'none') flags.push('--normalize', r.normalize);
  return flags;
}

/** "batch 128, momentum lr 0.05, cosine, wd 5e-4, crop 2 + flip" — the recipe table's cell. */
export function recipeSummary(r: Recipe): string {
  const parts = [`batch ${r.batch}`, `${r.optimizer} lr ${r.lr}`, r.schedule];
  if (r.weightDecay) parts.push(`wd ${r.weightDecay}`);
  const aug = [r.randomCrop ? `crop ${r.randomCrop}` : '', r.flip ? 'flip' : ''].filter(Boolean).join(' + ');
  parts.push(aug === '' ? 'no augmentation' : aug);
  if (r.labelSmoothing) parts.push(`label smoothing ${r.labelSmoothing}`);
  parts.push(`${r.init} init`);
  if (r.normalize !== 'none') parts.push(`normalize ${r.normalize}`);
  return parts.join(', ');
}
