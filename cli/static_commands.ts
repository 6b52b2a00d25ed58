// check, summary, compile: the commands that never touch tensors.
import { check, compile, parse, tokenize } from '../compiler/compile.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import { summarize } from '../compiler/summary.js';
import { renderSummary } from './render_summary.js';
import { withTrainingFlags } from './training_flags.js';
import type { CommandArgs } from './option_parser.js';
import type { checkOptions, compileCommandOptions, summaryOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileOptions, printDiagnostics, readSource } from './compile_input.js';

export function checkCommand(args: CommandArgs<typeof checkOptions>): number {
  if (args.files.length === 0) throw new UsageError('netc check needs a FILE');
  const json = args.options.json;
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of args.files) {
    const text = readSource(file);
    const options = compileOptions(args, file);
    const result = check(text, options);
    sources.set(file, text);
    for (const [k, v] of options.sources) sources.set(k, v);
    all.push(...result.diagnostics);
    if (!json && result.diagnostics.length === 0) {
      process.stderr.write(`${file}: ok (${result.irs.map((ir) => `${ir.network}: ${ir.totalParams.toLocaleString('en-US')} params`).join(', ') || 'no networks'})\n`);
    }
  }
  if (json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else printDiagnostics(all, sources);
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}

function singleFile(args: { command: string; files: string[] }): string {
  if (args.files.length === 0) throw new UsageError(`netc ${args.command} needs a FILE`);
  if (args.files.length > 1) throw new UsageError(`netc ${args.command} takes one FILE`);
  return args.files[0];
}

export function summaryCommand(args: CommandArgs<typeof summaryOptions>): number {
  const file = singleFile(args);
  const text = readSource(file);
  const options = compileOptions(args, file);
  options.sources.set(file, text);
  const json = args.options.json;
  const result = compile(text, options);
  if (json && !result.ir) process.stdout.write(JSON.stringify({ diagnostics: result.diagnostics }, null, 2) + '\n');
  printDiagnostics(result.diagnostics, options.sources);
  if (!result.ir) return 1;
  const summary = summarize(withTrainingFlags(result.ir, args.options));
  if (json) {
    const layers = summary.rows.filter((r) => r.kind === 'layer').map(({ name, op, outputShape, params, macs, training, lrMult }) => ({ name, op, outputShape, params, macs, training, lrMult }));
    const { network, input, totalParams, trainableParams, frozenParams, macs, bufferElements, activationBytes, paramBytes } = summary;
    process.stdout.write(JSON.stringify({ network, input, layers, totalParams, trainableParams, frozenParams, macs, bufferElements, activationBytes, paramBytes }, null, 2) + '\n');
  } else process.stdout.write(renderSummary(summary) + '\n');
  return 0;
}

export function compileCommand(args: CommandArgs<typeof compileCommandOptions>): number {
  const file = singleFile(args);
  const text = readSource(file);
  const options = compileOptions(args, file);
  options.sources.set(file, text);
  const emit = args.options.emit;
  if (emit === 'tokens' || emit === 'ast') {
    const result = emit === 'tokens' ? tokenize(text, { file }) : parse(text, { file });
    printDiagnostics(result.diagnostics, options.sources);
    if (result.diagnostics.length > 0) return 1;
    const value = 'tokens' in result ? result.tokens : result.ast;
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
    return 0;
  }
  const result = compile(text, options);
  printDiagnostics(result.diagnostics, options.sources);
  if (!result.ir) return 1;
  process.stdout.write(JSON.stringify(result.ir, null, 2) + '\n');
  return 0;
}
