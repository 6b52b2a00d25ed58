// Every command's options, declared once: the parser, the typed values and the help text all come from these tables.
import { optionTable } from './option_parser.js';

const common = 'common options';
const data = 'backend and data';

const help = { name: 'help', kind: 'flag', short: 'h', group: common, description: 'print the options of the command and exit' } as const;
const version = { name: 'version', kind: 'flag', group: common, description: "print netc's version and exit" } as const;

/** What bare `netc` takes (`netc --help`, `netc --version`). */
export const globalOptions = optionTable([help, version]);

/** What every command takes. */
export const commonOptions = optionTable([
  { name: 'network', kind: 'string', placeholder: 'NAME', group: common, defaultText: 'the first', description: 'which network of the file' },
  { name: 'set', kind: 'assignment', placeholder: 'NAME=VALUE', group: common, example: '--set classes=100', description: 'set a network parameter, e.g. --set classes=100 (repeatable)' },
  { name: 'json', kind: 'flag', group: common, description: 'machine-readable output on stdout (progress goes to stderr)' },
  { name: 'max-params', kind: 'integer', placeholder: 'N', min: 1, group: common, defaultText: '2^31', description: 'raise the parameter limit' },
  help,
  version,
]);

const backend = { name: 'backend', kind: 'choice', choices: ['auto', 'webgpu', 'wasm', 'cpu'], default: 'auto', group: data, description: 'auto: a validated hardware WebGPU adapter, else wasm' } as const;
const resize = { name: 'resize', kind: 'integer', placeholder: 'N', min: 1, group: data, description: 'resize images to N×N (AlexNet, VGG and NiN take 224)' } as const;
const dataDir = { name: 'data', kind: 'string', placeholder: 'DIR', group: data, defaultText: '/usr/share/datasets/fashion-mnist', description: 'IDX files laid out as Fashion-MNIST, or an image folder: DIR/train/<class>/*.png|jpg and DIR/test/<class>/…' } as const;
const normalize = (defaultText: string) => ({ name: 'normalize', kind: 'choice', choices: ['auto', 'fashion-mnist', 'none'], group: data, defaultText, description: "standardize pixels: auto (the training split's per-channel mean/std), fashion-mnist (its mean and std), none" }) as const;

/** Training and evaluation read a dataset. */
const datasetOptions = optionTable([
  backend,
  dataDir,
  { name: 'limit', kind: 'integer', placeholder: 'N', min: 1, group: data, defaultText: 'all', description: 'use the first N training images' },
  { name: 'test-limit', kind: 'integer', placeholder: 'N', min: 1, group: data, defaultText: 'all', description: 'use the first N test images' },
  resize,
  { name: 'val-split', kind: 'number', placeholder: 'F', min: 0, max: 1, group: data, defaultText: 'off', description: 'hold out a seeded fraction F of the training images as the evaluation split' },
  { name: 'strict', kind: 'flag', group: data, description: 'an unreadable image in an image folder is an error (default: named and skipped)' },
]);

const weights = (group: string) => ({ name: 'weights', kind: 'string', placeholder: 'DIR|FILE', group, description: 'a run directory, a checkpoint, or a .json state_dict (required)' }) as const;
const map = (group: string) => ({ name: 'map', kind: 'string', placeholder: 'MAP.json|order', group, description: "rename a state_dict's PyTorch names by a JSON map, or in order" }) as const;
const explain = (group: string) => ({ name: 'explain', kind: 'flag', group, description: 'print how each layer runs on the backend (fused, folded, …)' }) as const;
const batch = (group: string, description: string) => ({ name: 'batch', kind: 'integer', placeholder: 'N', min: 1, default: 256, group, description }) as const;

export const checkOptions = commonOptions;
export const summaryOptions = commonOptions;

export const compileCommandOptions = optionTable([
  { name: 'emit', kind: 'choice', choices: ['tokens', 'ast', 'ir'], default: 'ir', group: 'compile', description: 'the stage to print as JSON' },
  ...commonOptions,
]);

const training = 'training';
export const trainOptions = optionTable([
  { name: 'epochs', kind: 'integer', placeholder: 'N', min: 1, default: 10, group: training, description: 'passes over the training images' },
  batch(training, 'images per step'),
  { name: 'lr', kind: 'number', placeholder: 'X', min: 0, defaultText: '0.1; 0.001 with adam', group: training, description: 'learning rate' },
  { name: 'optimizer', kind: 'choice', choices: ['sgd', 'momentum', 'adam'], default: 'sgd', group: training, description: "torch.optim's SGD, SGD with momentum 0.9, or Adam" },
  { name: 'weight-decay', kind: 'number', placeholder: 'X', min: 0, default: 0, group: training, description: 'L2 penalty added to the gradient' },
  { name: 'schedule', kind: 'choice', choices: ['constant', 'cosine', 'step'], default: 'constant', group: training, description: 'learning rate per epoch: constant, cosine or step' },
  { name: 'lr-step', kind: 'integer', placeholder: 'N', min: 1, defaultText: 'a third of --epochs', group: training, description: 'epochs per step of --schedule step' },
  { name: 'lr-gamma', kind: 'number', placeholder: 'X', min: 0, default: 0.1, group: training, description: 'learning rate factor per step of --schedule step' },
  { name: 'seed', kind: 'integer', placeholder: 'N', min: 0, default: 0, group: training, description: 'seeds initialization, shuffling, augmentation, dropout' },
  { name: 'init', kind: 'choice', choices: ['pytorch', 'd2l'], default: 'pytorch', group: training, description: "PyTorch's default, or D2L's xavier-uniform (init_cnn)" },
  { name: 'random-crop', kind: 'integer', placeholder: 'P', min: 0, default: 0, group: training, description: 'pad by P pixels and crop back at a random offset' },
  { name: 'flip', kind: 'flag', group: training, description: 'random horizontal flips' },
  { name: 'out', kind: 'string', placeholder: 'DIR', defaultText: 'runs/<network>-<time>', group: training, description: 'run directory: metrics, curves, checkpoint' },
  { name: 'resume', kind: 'string', placeholder: 'DIR', group: training, description: 'continue the run in DIR from its last checkpoint' },
  { name: 'sync-every', kind: 'integer', placeholder: 'N', min: 1, default: 10, group: training, description: 'read the loss back from the device every N steps' },
  explain(training),
  ...datasetOptions,
  { ...normalize('none'), default: 'none' },
  ...commonOptions,
]);

export const evalOptions = optionTable([
  weights('evaluation'),
  map('evaluation'),
  batch('evaluation', 'images per step'),
  explain('evaluation'),
  ...datasetOptions,
  normalize("the run's (data.json), else none"),
  ...commonOptions,
]);

export const predictOptions = optionTable([
  weights('prediction'),
  map('prediction'),
  { name: 'invert', kind: 'flag', group: 'prediction', description: 'invert dark-on-light images (Fashion-MNIST is light on dark)' },
  backend,
  resize,
  normalize("the run's (data.json), else none"),
  { ...dataDir, description: "names the classes when the run has no data.json: digits, unless the path says fashion" },
  ...commonOptions,
]);

export const importWeightsOptions = optionTable([
  { name: 'from', kind: 'string', placeholder: 'STATE.json', group: 'import', description: 'a PyTorch state_dict saved as JSON (required)' },
  map('import'),
  { name: 'out', kind: 'string', placeholder: 'DIR', group: 'import', description: 'where to write checkpoint.netc (required)' },
  ...commonOptions,
]);
