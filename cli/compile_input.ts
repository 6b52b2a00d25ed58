// Shared by every command: read a .net file (bounded), compile it with imports read from disk, print diagnostics.
import { compile, type CompileOptions } from '../compiler/compile.js';
import { defaultLimits } from '../compiler/limits.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import type { Ir } from '../compiler/ir.js';
import type { Value } from '../compiler/values.js';
import type { CommandArgs } from './option_parser.js';
import type { commonOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
// The one bounded reader (Node-only, no tfjs: the static commands may load it; runtime_entry.test.ts checks).
import { FileReadError, readBoundedText } from '../runtime/platform/read_bounded.js';

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

/** A .net file, main or imported: any file over 4 bytes per character of the limit is over it, so reading stops there
 * (a larger one is refused with its real size; FIFOs, devices, directories and symlink loops before any read). */
export function readNetFile(path: string): string {
  return readBoundedText(path, defaultLimits.maxFileSize * 4, `${defaultLimits.maxFileSize.toLocaleString('en-US')} characters`);
}

/** The command's FILE; a file that cannot be read is a usage error naming it and why. */
export function readSource(path: string): string {
  try {
    return readNetFile(path);
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(`cannot read ${path}: ${error.reason}`);
    throw error;
  }
}

export function compileOptions(args: CompileArgs, file: string): CompileOptions & { sources: Map<string, string> } {
  const sources = new Map<string, string>();
  const maxParams = args.options['max-params'];
  return {
    file,
    readFile: (path) => {
      // An import that cannot be read is NET2006 at the import, with the reader's reason.
      try {
        const text = readNetFile(path);
        sources.set(path, text);
        return text;
      } catch (error) {
        if (error instanceof FileReadError) throw new Error(error.reason);
        throw error;
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
