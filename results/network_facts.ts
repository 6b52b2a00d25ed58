// Params, MACs and input shape of a recipe's network, from the compiler's IR (no tfjs): the table's columns.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile } from '../compiler/compile.js';
import { renderDiagnostics } from '../compiler/render_diagnostic.js';
import type { Recipe } from './recipes.js';
import { ResultsError } from './results_error.js';

export interface NetworkFacts {
  network: string;
  params: number;
  macs: number;
  input: number[];
}

/** Compiles the recipe's file with its --network and --set values; a file with errors is a ResultsError. */
export function networkFacts(recipe: Pick<Recipe, 'file' | 'network' | 'set'>, root: string): NetworkFacts {
  const path = resolve(root, recipe.file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new ResultsError(`${recipe.file}: cannot read it`);
  }
  const sources = new Map([[recipe.file, source]]);
  const result = compile(source, {
    file: recipe.file,
    network: recipe.network,
    args: recipe.set,
    readFile: (p) => {
      const text = readFileSync(resolve(root, p), 'utf8'); // p is already relative to the importing file's folder
      sources.set(p, text);
      return text;
    },
  });
  if (!result.ir) throw new ResultsError(`${recipe.file} does not compile:\n${renderDiagnostics(result.diagnostics, sources)}`);
  return { network: result.ir.network, params: result.ir.totalParams, macs: result.ir.macs, input: [...result.ir.input] };
}
