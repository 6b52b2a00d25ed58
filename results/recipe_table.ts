// The recipes section: every network's documented recipe (flags, budget, why), from recipes.ts.
import { epochsText } from './network_rows.js';
import { table } from './markdown_table.js';
import { recipeFlags, recipeSummary, type Recipe } from './recipes.js';

/** The recipe's netc train flags as one line. */
export const flagsText = (r: Recipe) => recipeFlags(r).join(' ');

export function recipeSection(recipes: Recipe[]): string {
  const rows = recipes.map((r) => [
    r.name,
    `\`${r.file}\``,
    r.resize ? `${r.resize}×${r.resize}` : Object.keys(r.set).length ? Object.entries(r.set).map(([k, v]) => `${k}=${v}`).join(' ') : '28×28',
    epochsText(r),
    recipeSummary(r),
    `${r.budgetMinutes}`,
    r.why,
  ]);
  return [
    '## Recipes',
    '',
    'One recipe per network (`results/recipes.ts`): the `netc train` flags, the budget in minutes on the 2-core machine, and why.',
    'Budgets are reached by epochs and `--limit` (the first N training images per epoch); speeds were measured on a loaded machine, so they are upper bounds on time.',
    '',
    table(['network', 'file', 'size / --set', 'epochs', 'recipe', 'budget (min)', 'why'], rows, ['l', 'l', 'l', 'r', 'l', 'r', 'l']),
  ].join('\n');
}
