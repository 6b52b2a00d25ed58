// Shared by every command: read a .net file (bounded), compile it with imports read from disk, print diagnostics.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { compile, type CompileOptions } from '../compiler/compile.js';
import { defaultLimits } from '../compiler/limits.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';
import type { Diagnostic } from '../compiler/diagnostics.js';
import type { Ir } from '../compiler/ir.js';
import type { Value } from '../compiler/values.js';
import { parseSetValue, UsageError, type ParsedArgs } from './args.js';

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

export function compileOptions(args: ParsedArgs, file: string): CompileOptions & { sources: Map<string, string> } {
  const sources = new Map<string, string>();
  const maxParams = args.flags.get('max-params');
  if (maxParams !== undefined && !(Number(maxParams) > 0)) throw new UsageError('--max-params needs a positive number');
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
    network: args.flags.get('network') as string | undefined,
    args: Object.fromEntries(Object.entries(args.sets).map(([k, v]) => [k, parseSetValue(v) as Value])),
    limits: maxParams !== undefined ? { maxParams: Number(maxParams) } : undefined,
    sources,
  };
}

export function printDiagnostics(diagnostics: Diagnostic[], sources: Map<string, string>): void {
  if (diagnostics.length > 0) process.stderr.write(renderDiagnostics(diagnostics, sources) + '\n');
}

/** Compiles the command's one FILE; prints diagnostics and returns undefined when it has errors. */
export function compileForCommand(args: ParsedArgs): Ir | undefined {
  if (args.files.length === 0) throw new UsageError(`netc ${args.command} needs a FILE`);
  const file = args.files[0];
  const text = readSource(file);
  const options = compileOptions(args, file);
  options.sources.set(file, text);
  const result = compile(text, options);
  printDiagnostics(result.diagnostics, options.sources);
  return result.ir;
}
