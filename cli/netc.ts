#!/usr/bin/env node
// The netc command: parses argv, dispatches, and maps outcomes to exit codes
// (0 ok; 1 the input, data or training failed; 2 usage, backend or internal error).
import { parseArgs, UsageError } from './args.js';
import { checkCommand, compileCommand, summaryCommand } from './static_commands.js';
import { BackendError, UserError } from '../runtime/errors.js';

const HELP = `netc — compile, check and train .net neural network descriptions

usage:
  netc check FILE…                   diagnostics for every network (stderr); exit 1 if any error
  netc summary FILE                  layer table: path, op, output shape, params, MACs, totals
  netc compile FILE --emit STAGE     dump a stage as JSON: tokens | ast | ir
  netc train FILE                    train on Fashion-MNIST; writes a run directory
  netc eval FILE --weights DIR       test accuracy and confusion matrix
  netc predict FILE --weights DIR IMAGE…   top-3 classes of PNG/PGM images
  netc import-weights FILE --from STATE.json --map MAP.json|order --out DIR

common options:
  --network NAME      which network of the file (default: the first)
  --set NAME=VALUE    set a network parameter, e.g. --set classes=100 (repeatable)
  --json              machine-readable output on stdout (progress goes to stderr)
  --max-params N      raise the parameter limit (default 2^31)

train, eval, predict:
  --backend auto|webgpu|wasm|cpu   (default auto: a validated hardware WebGPU adapter, else wasm)
  --data DIR          IDX files (default /usr/share/datasets/fashion-mnist)
  --limit N, --test-limit N   use the first N train / test images
  --resize N          resize images to N×N (AlexNet, VGG, NiN take 224)
  --normalize         standardize pixels with Fashion-MNIST's mean and std
train:
  --epochs N (10)  --batch N (256)  --lr X (0.1; adam 0.001)  --optimizer sgd|momentum|adam
  --weight-decay X (0)  --schedule constant|cosine|step  --lr-step N  --lr-gamma X  --seed N (0)
  --random-crop P     pad by P pixels and crop back at random    --flip   random horizontal flips
  --init pytorch|d2l  PyTorch's default init, or D2L's xavier-uniform (init_cnn)
  --explain           print how each layer is lowered (fused, folded, …) on the chosen backend
  --out DIR           run directory (default runs/<network>-<time>)    --resume DIR   continue a run
  --sync-every N      read loss back every N steps (10)
eval, predict:
  --weights DIR|FILE  a run directory, a checkpoint, or a .json state_dict (with --map)
  --map MAP.json|order   rename PyTorch names: module path -> netc layer path, or by order
  --invert            (predict) invert dark-on-light images

exit codes: 0 ok; 1 the input has errors, bad data, or training diverged; 2 usage error, a backend
that cannot start, or an internal error.   docs: docs/language.md, docs/diagnostics.md, docs/runtime.md`;

const common = ['help', 'json', 'network', 'set', 'max-params'];
const runtimeFlags = ['backend', 'data', 'limit', 'test-limit', 'resize', 'normalize'];
const flagsByCommand: Record<string, string[]> = {
  check: common,
  summary: common,
  compile: [...common, 'emit'],
  train: [...common, ...runtimeFlags, 'epochs', 'batch', 'lr', 'optimizer', 'weight-decay', 'schedule', 'lr-step', 'lr-gamma', 'seed', 'init', 'random-crop', 'flip', 'out', 'resume', 'sync-every', 'explain'],
  eval: [...common, ...runtimeFlags, 'weights', 'map', 'batch', 'explain'],
  predict: [...common, 'backend', 'resize', 'data', 'weights', 'map', 'invert'],
  'import-weights': [...common, 'from', 'map', 'out'],
};

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, (command) => new Set([...(flagsByCommand[command ?? ''] ?? common), 'help', 'version']));
  if (args.flags.has('version')) {
    process.stdout.write('netc 0.1.0\n');
    return 0;
  }
  if (args.flags.has('help') || args.command === undefined || args.command === 'help') {
    process.stdout.write(HELP + '\n');
    return args.command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  switch (args.command) {
    case 'check':
      return checkCommand(args);
    case 'summary':
      return summaryCommand(args);
    case 'compile':
      return compileCommand(args);
    // Runtime commands load tfjs only when used, so the static commands stay fast.
    case 'train':
      return (await import('./train_command.js')).trainCommand(args);
    case 'eval':
      return (await import('./eval_command.js')).evalCommand(args);
    case 'predict':
      return (await import('./predict_command.js')).predictCommand(args);
    case 'import-weights':
      return (await import('./import_weights_command.js')).importWeightsCommand(args);
    default:
      throw new UsageError(`unknown command '${args.command}' (see netc --help)`);
  }
}

/** Errors people cause (bad data, weights, divergence) print one line and exit 1; a backend that cannot start exits 2. */
async function exitCodeFor(error: unknown): Promise<number> {
  if (error instanceof UsageError) {
    process.stderr.write(`netc: ${error.message}\n`);
    return 2;
  }
  if (error instanceof Error && /^Aborted\(/.test(error.message)) {
    // Emscripten's abort: on the wasm backend almost always its 4 GiB address space running out.
    process.stderr.write('netc: the wasm backend aborted, most likely out of memory (WebAssembly addresses at most 4 GiB); try a smaller --batch\n');
    return 1;
  }
  if (error instanceof BackendError || error instanceof UserError) {
    process.stderr.write(`netc: ${error.message}\n`);
    return error instanceof BackendError ? 2 : 1;
  }
  process.stderr.write(`netc: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n(this is a bug in netc; set NETC_DEBUG=1 for details)\n`);
  if (process.env.NETC_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  return 2;
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (error) {
    code = await exitCodeFor(error);
  }
  // Dawn can keep handles open after training; everything is written, so leave now.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

void main();
