// Test helpers: compile a repo file the way the CLI does (imports read relative to the file).
import { readFileSync, readdirSync } from 'node:fs';
import { compile, check, type CompileOptions } from '../../compiler/compile.js';

export const readText = (path: string): string => readFileSync(path, 'utf8');

export const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export function compileFile(path: string, options: CompileOptions = {}) {
  return compile(readText(path), { file: path, readFile: readOrUndefined, ...options });
}

export function checkFile(path: string, options: CompileOptions = {}) {
  return check(readText(path), { file: path, readFile: readOrUndefined, ...options });
}

export const networkFiles = (): string[] =>
  readdirSync('networks').filter((f) => f.endsWith('.net')).sort().map((f) => `networks/${f}`);

/** Compiles inline source and fails loudly with the diagnostics if it does not compile. */
export function mustCompile(source: string, options: CompileOptions = {}) {
  const result = compile(source, options);
  if (!result.ir) throw new Error(`expected to compile:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  return result.ir;
}

/** The codes of the diagnostics inline source produces. */
export function codesOf(source: string, options: CompileOptions = {}): string[] {
  return compile(source, options).diagnostics.map((d) => d.code);
}
