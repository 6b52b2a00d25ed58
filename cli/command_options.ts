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

const weights = (group: string) => ({ name: 'weights', kind: 'string', placeholder: 'DIR|FILE', group, description: 'a run directory, a model.safetensors, a PyTorch state_dict (.safetensors or .json) (required)' }) as const;
const map = (group: string) => ({ name: 'map', kind: 'string', placeholder: 'MAP.json|order', group, description: "rename a state_dict's PyTorch names by a JSON map, or in order" }) as const;
const explain = (group: string) => ({ name: 'explain', kind: 'flag', group, description: 'print how each layer runs on the backend (fused, folded, …)' }) as const;
const batch = (group: string, description: string) => ({ name: 'batch', kind: 'integer', placeholder: 'N', min: 1, default: 256, group, description }) as const;

const fineTuning = 'fine-tuning';
/** Training rules on the command line, applied after the file's own freeze/train/new directives. */
const trainingRuleOptions = optionTable([
  { name: 'freeze', kind: 'list', placeholder: 'PATTERN', group: fineTuning, example: '--freeze stem,stage1', description: 'freeze the scopes a label path names (* within a segment; repeatable)' },
  { name: 'frozen-batchnorm', kind: 'choice', choices: ['fixed', 'batch'], default: 'fixed', group: fineTuning, description: "batchnorm frozen by --freeze: running statistics (fixed), or batch statistics as PyTorch's requires_grad=False" },
  { name: 'lr-mult', kind: 'assignment', placeholder: 'PATTERN=X', group: fineTuning, example: '--lr-mult head=10', description: "learning-rate multiplier of a scope (Caffe's lr_mult; repeatable)" },
  { name: 'decay-mult', kind: 'assignment', placeholder: 'PATTERN=X', group: fineTuning, example: '--decay-mult head=0', description: "weight-decay multiplier of a scope (Caffe's decay_mult; repeatable)" },
  { name: 'new', kind: 'list', placeholder: 'PATTERN', group: fineTuning, example: '--new head', description: 'scopes --init-from leaves freshly initialized (repeatable)' },
]);

export const checkOptions = commonOptions;
export const summaryOptions = optionTable([...trainingRuleOptions, ...commonOptions]);

export const compileCommandOptions = optionTable([
  { name: 'emit', kind: 'choice', choices: ['tokens', 'ast', 'ir'], default: 'ir', group: 'compile', description: 'the stage to print as JSON' },
  ...commonOptions,
]);

/** netc fmt formats text only: no network is compiled, so none of the compile options apply. */
export const fmtOptions = optionTable([
  { name: 'check', kind: 'flag', group: 'fmt', description: 'write nothing; list the files that are not formatted and exit 1 if any' },
  help,
  version,
]);

export const graphOptions = optionTable([
  { name: 'out', kind: 'string', short: 'o', placeholder: 'FILE', defaultText: 'stdout', group: 'graph', description: 'where to write the SVG' },
  {
    name: 'expand',
    kind: 'list',
    placeholder: 'all|none|ID',
    group: 'graph',
    example: '--expand stage1.0,stage2',
    defaultText: 'repeated blocks collapsed',
    description: 'all: every group open; none: every group folded; group ids (scope paths, as --json lists them): open those too (repeatable)',
  },
  ...commonOptions,
]);

const training = 'training';
export const trainOptions = optionTable([
  { name: 'epochs', kind: 'integer', placeholder: 'N', min: 1, default: 10, group: training, description: 'passes over the training images' },
  batch(training, 'images per step'),
  { name: 'lr', kind: 'number', placeholder: 'X', min: 0, defaultText: '0.1; 0.001 with adam', group: training, description: 'learning rate' },
  { name: 'optimizer', kind: 'choice', choices: ['sgd', 'momentum', 'adam'], default: 'sgd', group: training, description: "torch.optim's SGD, SGD with momentum 0.9, or Adam" },
  { name: 'weight-decay', kind: 'number', placeholder: 'X', min: 0, default: 0, group: training, description: 'L2 penalty added to the gradient' },
  { name: 'schedule', kind: 'choice', choices: ['constant', 'cosine', 'step', 'onecycle'], default: 'constant', group: training, description: "learning rate per epoch: constant, cosine or step; onecycle: per step, PyTorch's OneCycleLR with --lr as its peak" },
  { name: 'lr-step', kind: 'integer', placeholder: 'N', min: 1, defaultText: 'a third of --epochs', group: training, description: 'epochs per step of --schedule step' },
  { name: 'lr-gamma', kind: 'number', placeholder: 'X', min: 0, default: 0.1, group: training, description: 'learning rate factor per step of --schedule step' },
  { name: 'label-smoothing', kind: 'number', placeholder: 'X', min: 0, max: 1, default: 0, group: training, description: "CrossEntropyLoss's label_smoothing: the target is (1 - X)·one-hot + X/classes (0 <= X < 1)" },
  { name: 'seed', kind: 'integer', placeholder: 'N', min: 0, default: 0, group: training, description: 'seeds initialization, shuffling, augmentation, dropout' },
  { name: 'init', kind: 'choice', choices: ['pytorch', 'd2l'], default: 'pytorch', group: training, description: "PyTorch's default, or D2L's xavier-uniform (init_cnn)" },
  { name: 'random-crop', kind: 'integer', placeholder: 'P', min: 0, default: 0, group: training, description: 'pad by P pixels and crop back at a random offset' },
  { name: 'flip', kind: 'flag', group: training, description: 'random horizontal flips' },
  { name: 'out', kind: 'string', short: 'o', placeholder: 'DIR', defaultText: 'runs/<network>-<time>', group: training, description: 'run directory: metrics, curves, checkpoint' },
  { name: 'resume', kind: 'string', placeholder: 'DIR', group: training, description: 'continue the run in DIR from its last checkpoint' },
  { name: 'force', kind: 'flag', group: training, description: "start over in an --out DIR that holds a run: removes netc's run files there (nothing else)" },
  { name: 'trace-grad', kind: 'integer', placeholder: 'N', min: 1, defaultText: 'off', group: training, description: "every N steps (and step 1) record each layer's gradient norm and activation statistics in metrics.jsonl; draws gradients.svg" },
  { name: 'sync-every', kind: 'integer', placeholder: 'N', min: 1, default: 10, group: training, description: 'read the loss back from the device every N steps' },
  explain(training),
  { name: 'init-from', kind: 'string', placeholder: 'SOURCE', group: fineTuning, description: 'copy weights by name (and shape) from a run directory, checkpoint or safetensors file' },
  { ...map(fineTuning), description: "rename --init-from's names by a JSON map of module paths (or in order)" },
  { name: 'unfreeze-after', kind: 'integer', placeholder: 'N', min: 0, group: fineTuning, description: "train frozen layers too from epoch N + 1 on (fastai's schedule)" },
  ...trainingRuleOptions,
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
  { name: 'from', kind: 'string', placeholder: 'FILE', group: 'import', description: 'a PyTorch state_dict (save_file(…) safetensors, or JSON), a run directory or checkpoint (required)' },
  map('import'),
  { name: 'out', kind: 'string', short: 'o', placeholder: 'DIR', group: 'import', description: 'where to write model.safetensors (required)' },
  ...commonOptions,
]);

export const exportFormats = ['onnx', 'pytorch'] as const;
export const exportOptions = optionTable([
  weights('export'),
  map('export'),
  { name: 'format', kind: 'choice', choices: exportFormats, default: 'onnx', group: 'export', description: 'onnx: one .onnx file; pytorch: a directory with model.py, model.safetensors, train_ddp.py' },
  { name: 'out', kind: 'string', short: 'o', placeholder: 'FILE|DIR', group: 'export', description: 'the .onnx file, or the directory for pytorch, to write (required)' },
  { name: 'opset', kind: 'integer', placeholder: 'N', min: 13, max: 17, default: 13, group: 'export', description: 'the ONNX opset to declare' },
  ...commonOptions,
]);
