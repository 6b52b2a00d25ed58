// `netc graph FILE [-o net.svg] [--expand all|none|ID,…] [--json]`: the playground's drawing, without a browser.
import { writeFileSync } from 'node:fs';
import { buildGraph, layoutGraph, renderSvg, type BuildOptions, type NetGraph } from '../graph/index.js';
import { suggest } from '../compiler/suggest.js';
import type { Ir } from '../compiler/ir.js';
import type { CommandArgs } from './option_parser.js';
import type { graphOptions } from './command_options.js';
import { compileForCommand } from './compile_input.js';
import { UsageError } from './usage_error.js';

/** --expand all | none | ids; an id that names no group of the network is a usage error with "did you mean". */
function expandOption(values: string[], ir: Ir): BuildOptions['expanded'] {
  if (values.length === 0) return undefined;
  if (values.length === 1 && (values[0] === 'all' || values[0] === 'none')) return values[0];
  const ids = new Set(ir.scopes.map((s) => s.path));
  for (const id of values) {
    if (ids.has(id)) continue;
    const near = suggest(id, ids);
    throw new UsageError(`--expand ${id}: ${ir.network} has no group '${id}'${near ? `; did you mean '${near}'?` : ''} (groups are scope paths: ${[...ids].slice(0, 6).join(', ')}${ids.size > 6 ? ', …' : ''})`);
  }
  return values;
}

const describe = (graph: NetGraph) => {
  const folded = graph.groups.filter((g) => g.collapsed).length;
  return `${graph.network}: ${graph.nodes.length} nodes (${folded} folded groups), ${graph.edges.length} edges`;
};

export async function graphCommand(args: CommandArgs<typeof graphOptions>): Promise<number> {
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const graph = buildGraph(ir, { expanded: expandOption(args.options.expand, ir) });
  const out = args.options.out;
  if (args.options.json) process.stdout.write(JSON.stringify(graph, null, 2) + '\n');
  if (args.options.json && out === undefined) return 0;
  const svg = renderSvg(await layoutGraph(graph));
  if (out === undefined) {
    process.stdout.write(svg);
    return 0;
  }
  try {
    writeFileSync(out, svg);
  } catch (error) {
    throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  process.stderr.write(`${out}: ${describe(graph)}\n`);
  return 0;
}
