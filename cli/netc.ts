#!/usr/bin/env node
// The netc command: parses argv, reads files, prints, sets exit codes (0 ok, 1 diagnostics, 2 usage/internal).
import { readFileSync, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { compile, check, parse, tokenize, type CompileOptions } from '../compiler/compile.js';
import { defaultLimits } from '../compiler/limits.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import { summarize } from '../compiler/summary.js';
import { renderSummary } from './render_summary.js';
import { parseArgs, parseSetValue, UsageError, type ParsedArgs } from './args.js';
import type { Value } from '../compiler/values.js';

const HELP = `netc — compile and check .net neural network descriptions

usage:
  netc check FILE…                 diagnostics for every network (stderr); exit 1 if any error
  netc summary FILE                layer table: path, op, output shape, params, MACs, totals
  netc compile FILE --emit STAGE   dump a stage: tokens | ast | ir (JSON on stdout)

options:
  --network NAME      which network of the file (default: the first)
  --set NAME=VALUE    set a network parameter, e.g. --set classes=100 (repeatable)
  --json              machine-readable output (check: diagnostics array; summary: JSON object)
  --max-params N      raise the parameter limit (default 2^31)
  -h, --help          this help
  --version           print the version

exit codes: 0 ok, 1 the input has errors, 2 usage or internal error
docs: docs/language.md, docs/diagnostics.md`;

const KNOWN_FLAGS = new Set(['help', 'version', 'json', 'network', 'emit', 'set', 'max-params']);

/** Reads at most limit+1 characters' worth, so a huge file costs no more than the limit to reject. */
function readSource(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new UsageError(`cannot read ${path}: it is a directory`);
    const max = defaultLimits.maxFileSize * 4 + 4;
    const buffer = Buffer.alloc(Math.min(max, fstatSync(fd).size + 1));
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function hostReadFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function compileOptions(args: ParsedArgs, file: string): CompileOptions & { sources: Map<string, string> } {
  const sources = new Map<string, string>();
  const maxParams = args.flags.get('max-params');
  if (maxParams !== undefined && !(Number(maxParams) > 0)) throw new UsageError('--max-params needs a positive number');
  return {
    file,
    readFile: (path) => {
      const text = hostReadFile(path);
      if (text !== undefined) sources.set(path, text);
      return text;
    },
    network: args.flags.get('network') as string | undefined,
    args: Object.fromEntries(Object.entries(args.sets).map(([k, v]) => [k, parseSetValue(v) as Value])),
    limits: maxParams !== undefined ? { maxParams: Number(maxParams) } : undefined,
    sources,
  };
}

function printDiagnostics(diagnostics: Diagnostic[], sources: Map<string, string>): void {
  if (diagnostics.length > 0) process.stderr.write(renderDiagnostics(diagnostics, sources) + '\n');
}

function run(argv: string[]): number {
  const args = parseArgs(argv, KNOWN_FLAGS);
  if (args.flags.has('version')) {
    process.stdout.write('netc 0.1.0\n');
    return 0;
  }
  if (args.flags.has('help') || args.command === undefined || args.command === 'help') {
    process.stdout.write(HELP + '\n');
    return args.command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  const json = args.flags.has('json');
  if (!['check', 'summary', 'compile'].includes(args.command)) throw new UsageError(`unknown command '${args.command}' (see netc --help)`);
  if (args.files.length === 0) throw new UsageError(`netc ${args.command} needs a FILE`);
  if (args.command !== 'check' && args.files.length > 1) throw new UsageError(`netc ${args.command} takes one FILE`);

  if (args.command === 'check') {
    const all: Diagnostic[] = [];
    const sources = new Map<string, string>();
    for (const file of args.files) {
      const text = readSource(file);
      const options = compileOptions(args, file);
      const result = check(text, options);
      sources.set(file, text);
      for (const [k, v] of options.sources) sources.set(k, v);
      all.push(...result.diagnostics);
      if (!json && result.diagnostics.length === 0) process.stderr.write(`${file}: ok (${result.irs.map((ir) => `${ir.network}: ${ir.totalParams.toLocaleString('en-US')} params`).join(', ') || 'no networks'})\n`);
    }
    if (json) process.stdout.write(JSON.stringify(all, null, 2) + '\n');
    else printDiagnostics(all, sources);
    return all.some((d) => d.severity === 'error') ? 1 : 0;
  }

  const file = args.files[0];
  const text = readSource(file);
  const options = compileOptions(args, file);
  options.sources.set(file, text);

  if (args.command === 'compile') {
    const emit = args.flags.get('emit') ?? 'ir';
    if (emit === 'tokens' || emit === 'ast') {
      const result = emit === 'tokens' ? tokenize(text, { file }) : parse(text, { file });
      printDiagnostics(result.diagnostics, options.sources);
      if (result.diagnostics.length > 0) return 1;
      process.stdout.write(JSON.stringify(emit === 'tokens' ? (result as ReturnType<typeof tokenize>).tokens : (result as ReturnType<typeof parse>).ast, null, 2) + '\n');
      return 0;
    }
    if (emit !== 'ir') throw new UsageError(`--emit takes tokens, ast or ir (got ${emit})`);
  }

  const result = compile(text, options);
  if (json && args.command === 'summary' && !result.ir) process.stdout.write(JSON.stringify({ diagnostics: result.diagnostics }, null, 2) + '\n');
  printDiagnostics(result.diagnostics, options.sources);
  if (!result.ir) return 1;
  if (args.command === 'compile') {
    process.stdout.write(JSON.stringify(result.ir, null, 2) + '\n');
    return 0;
  }
  const summary = summarize(result.ir);
  if (json) {
    const layers = summary.rows.filter((r) => r.kind === 'layer').map(({ name, op, outputShape, params, macs }) => ({ name, op, outputShape, params, macs }));
    const { network, input, totalParams, trainableParams, macs, bufferElements, activationBytes, paramBytes } = summary;
    process.stdout.write(JSON.stringify({ network, input, layers, totalParams, trainableParams, macs, bufferElements, activationBytes, paramBytes }, null, 2) + '\n');
  } else process.stdout.write(renderSummary(summary) + '\n');
  return 0;
}

function main(): void {
  let code: number;
  try {
    code = run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`netc: ${error.message}\n`);
      code = 2;
    } else {
      process.stderr.write(`netc: internal error: ${error instanceof Error ? error.message : String(error)}\n(this is a bug in netc; set NETC_DEBUG=1 for details)\n`);
      if (process.env.NETC_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
}

main();
