// Every network of networks/ has a documented recipe that compiles at the size it trains at, uses only flags this
// netc has, and the whole seed run (with the trace runs) stays within its 60-minute budget.
import test from 'ava';
import { existsSync, readdirSync } from 'node:fs';
import { networkFacts } from '../../results/network_facts.js';
import { trainHelp, unsupportedFlags } from '../../results/netc_support.js';
import { recipeFlags, recipes } from '../../results/recipes.js';
import { traceRuns } from '../../results/trace_runs.js';

const root = process.cwd();
const seeds = recipes.filter((r) => !r.best);

test('every networks/*.net has a recipe (adding a network without one fails here)', (t) => {
  const files = readdirSync('networks').filter((f) => f.endsWith('.net')).map((f) => `networks/${f}`);
  const withRecipe = new Set(recipes.map((r) => r.file));
  t.deepEqual(files.filter((f) => !withRecipe.has(f)), []);
  t.true(files.length >= 15, `${files.length} networks`);
  t.is(new Set(recipes.map((r) => r.name)).size, recipes.length, 'recipe names are unique (they name run directories)');
});

test('the best network has exactly one recipe, networks/fashion_net.net, rendered as its own section', (t) => {
  const best = recipes.filter((r) => r.best);
  t.deepEqual(best.map((r) => r.file), ['networks/fashion_net.net']);
  t.true(best[0].budgetMinutes <= 30);
});

test('every seed recipe compiles with its --set values and its input is the size it trains at', (t) => {
  for (const r of seeds) {
    t.true(existsSync(r.file), r.file);
    const facts = networkFacts(r, root);
    t.true(facts.params > 0 && facts.macs > 0, r.name);
    t.deepEqual(facts.input.slice(1), [r.resize ?? 28, r.resize ?? 28], `${r.name}: input ${facts.input.join('×')} vs --resize ${r.resize}`);
  }
});

test("every seed and trace recipe uses only flags this netc's train lists", (t) => {
  const help = trainHelp(root);
  t.regex(help, /--epochs/);
  for (const r of [...seeds, ...traceRuns()]) t.deepEqual(unsupportedFlags(recipeFlags(r), help), [], r.name);
});

test('the 15 seed networks and the trace runs fit the 60-minute budget; each says why', (t) => {
  const total = [...seeds, ...traceRuns()].reduce((s, r) => s + r.budgetMinutes, 0);
  t.true(total <= 60, `${total} minutes`);
  for (const r of recipes) t.true(r.why.length > 20, `${r.name} documents why`);
});
