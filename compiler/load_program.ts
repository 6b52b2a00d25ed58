// Stage 3: parse the root file and everything it imports (through the host's readFile), diagnosing cycles.
import type { FileAst } from '../grammar/ast.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { Limits } from './limits.js';
import { parseFile } from './parse_file.js';
import { resolveImport } from './paths.js';

/** Reads an imported file; returns undefined (or throws) when it cannot. */
export type ReadFile = (path: string) => string | undefined;

export interface Program {
  root: string;
  /** Parsed files in load order, root first; files with syntax errors are absent. */
  files: FileAst[];
}

/** How a file is parsed: parseFile, or an incremental re-parse of the previous version (compiler/incremental/). */
export type ParseFile = typeof parseFile;

export function loadProgram(root: string, text: string, sources: Map<string, string>, readFile: ReadFile | undefined, limits: Limits, bag: DiagnosticBag, parse: ParseFile = parseFile): Program {
  const files: FileAst[] = [];
  const loaded = new Set<string>();

  const visit = (file: string, source: string, stack: string[]) => {
    loaded.add(file);
    sources.set(file, source);
    const ast = parse(file, source, limits, bag);
    if (!ast) return;
    files.push(ast);
    for (const imp of ast.imports) {
      const target = resolveImport(file, imp.path);
      const at = { file, span: imp.span };
      if (stack.includes(target)) {
        bag.report('NET2007', at, { cycle: [...stack.slice(stack.indexOf(target)), target].join(' → ') });
        continue;
      }
      if (loaded.has(target)) continue;
      if (loaded.size >= limits.maxFiles) {
        bag.report('NET4902', at, { limit: limits.maxFiles, what: 'imported files' });
        return;
      }
      let content: string | undefined;
      let reason = 'no such file';
      try {
        content = readFile ? readFile(target) : undefined;
        if (!readFile) reason = 'this compile was given no way to read files';
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (content === undefined) {
        bag.report('NET2006', at, { path: imp.path, reason });
        continue;
      }
      visit(target, content, [...stack, target]);
    }
  };

  visit(root, text, [root]);
  return { root, files };
}
