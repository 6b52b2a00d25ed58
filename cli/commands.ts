// Every netc command once: operands, one-line summary, options table and handler; help text and parser read this list.
import type { CommandArgs, OptionSpec } from './option_parser.js';
import { checkOptions, compileCommandOptions, evalOptions, exportOptions, graphOptions, importWeightsOptions, predictOptions, summaryOptions, trainOptions } from './command_options.js';
import { checkCommand, compileCommand, summaryCommand } from './static_commands.js';
import { graphCommand } from './graph_command.js';
import { lspOptions } from './lsp_command.js';
import { fmtOptions } from './command_options.js';

export interface Command {
  readonly name: string;
  /** What follows the name in the usage line: `FILE --weights DIR IMAGE…`. */
  readonly operands: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Runtime commands load tfjs (through runtime/index.js) only when used, so the static commands stay fast. */
  readonly loadsRuntime: boolean;
  run(args: CommandArgs<readonly OptionSpec[]>): number | Promise<number>;
}

/** Ties a handler to its table, so the handler sees the values typed by that table. */
function command<const T extends readonly OptionSpec[]>(spec: Omit<Command, 'options' | 'run'> & { options: T; run: (args: CommandArgs<T>) => number | Promise<number> }): Command {
  return spec as unknown as Command;
}

export const commands: readonly Command[] = [
  command({ name: 'check', operands: 'FILE…', summary: 'diagnostics for every network (stderr); exit 1 if any error', options: checkOptions, loadsRuntime: false, run: checkCommand }),
  command({ name: 'summary', operands: 'FILE', summary: 'layer table: path, op, output shape, params, MACs, totals', options: summaryOptions, loadsRuntime: false, run: summaryCommand }),
  command({ name: 'compile', operands: 'FILE --emit STAGE', summary: 'dump a stage as JSON: tokens | ast | ir', options: compileCommandOptions, loadsRuntime: false, run: compileCommand }),
  command({ name: 'lsp', operands: '[--stdio]', summary: 'the language server for editors, on stdio (see docs/editors.md)', options: lspOptions, loadsRuntime: false, run: async (args) => (await import('./lsp_command.js')).lspCommand(args) }),
  command({ name: 'graph', operands: 'FILE [-o net.svg]', summary: 'the network drawn as SVG (layers, shapes on edges, blocks as groups)', options: graphOptions, loadsRuntime: false, run: graphCommand }),
  command({ name: 'fmt', operands: 'FILE…', summary: 'canonical layout in place; --check lists files that differ', options: fmtOptions, loadsRuntime: false, run: async (args) => (await import('./fmt_command.js')).fmtCommand(args) }),
  command({
    name: 'train',
    operands: 'FILE',
    summary: 'train on Fashion-MNIST or your image folder; writes a run directory',
    options: trainOptions,
    loadsRuntime: true,
    run: async (args) => (await import('./train_command.js')).trainCommand(args),
  }),
  command({
    name: 'eval',
    operands: 'FILE --weights DIR',
    summary: 'test accuracy and confusion matrix',
    options: evalOptions,
    loadsRuntime: true,
    run: async (args) => (await import('./eval_command.js')).evalCommand(args),
  }),
  command({
    name: 'predict',
    operands: 'FILE --weights DIR IMAGE…',
    summary: 'top-3 classes of PNG/JPEG/PGM images',
    options: predictOptions,
    loadsRuntime: true,
    run: async (args) => (await import('./predict_command.js')).predictCommand(args),
  }),
  command({
    name: 'import-weights',
    operands: 'FILE --from STATE.safetensors|STATE.json [--map MAP.json|order] --out DIR',
    summary: 'a PyTorch state_dict (safetensors or JSON) -> a netc checkpoint',
    options: importWeightsOptions,
    loadsRuntime: true,
    run: async (args) => (await import('./import_weights_command.js')).importWeightsCommand(args),
  }),
  command({
    name: 'export',
    operands: 'FILE --weights DIR --format onnx -o OUT',
    summary: 'trained weights -> an ONNX model (opset 13, NCHW input, logits out)',
    options: exportOptions,
    loadsRuntime: true,
    run: async (args) => (await import('./export_command.js')).exportCommand(args),
  }),
];

export const commandNamed = (name: string): Command | undefined => commands.find((c) => c.name === name);
