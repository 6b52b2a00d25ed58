// Shared by every command: read a .net file (bounded), compile it with imports read from disk, print diagnostics.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { compile, type CompileOptions } from '../compiler/compile.js';
import { defaultLimits } from '../compiler/limits.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import type { Ir } from '../compiler/ir.js';
import type { Value } from '../compiler/values.js';
import type { CommandArgs } from './option_parser.js';
import type { commonOptions } from './command_options.js';
import { UsageError } from './usage_error.js';

/** What every command's arguments have: the operands and the common options. */
type CompileArgs = CommandArgs<typeof commonOptions>;

/** `--set` values: numbers, true/false and JSON lists; anything else is a string. */
export function parseSetValue(text: string): number | boolean | string | unknown[] {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown[];
    } catch {
      throw new UsageError(`--set value ${text} is not a valid list`);
    }
  }
  return text;
}

/** Reads at most the size limit (plus one), so a huge file costs no more than the limit to reject. */
export function readSource(path: string): string {
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

export function compileOptions(args: CompileArgs, file: string): CompileOptions & { sources: Map<string, string> } {
  const sources = new Map<string, string>();
  const maxParams = args.options['max-params'];
  return {
    file,
    readFile: (path) => {
      try {
        const text = readFileSync(path, 'utf8');
        sources.set(path, text);
        return text;
      } catch {
        return undefined;
      }
    },
    network: args.options.network,
    args: Object.fromEntries(Object.entries(args.options.set).map(([k, v]) => [k, parseSetValue(v) as Value])),
    limits: maxParams !== undefined ? { maxParams } : undefined,
    sources,
  };
}

export function printDiagnostics(diagnostics: Diagnostic[], sources: Map<string, string>): void {
  if (diagnostics.length > 0) process.stderr.write(renderDiagnostics(diagnostics, sources) + '\n');
}

/** Compiles the command's one FILE; prints diagnostics and returns undefined when it has errors. */
export function compileForCommand(args: CompileArgs): Ir | undefined {
  if (args.files.length === 0) throw new UsageError(`netc ${args.command} needs a FILE`);
  const file = args.files[0];
  const text = readSource(file);
  const options = compileOptions(args, file);
  options.sources.set(file, text);
  const result = compile(text, options);
  printDiagnostics(result.diagnostics, options.sources);
  return result.ir;
}
