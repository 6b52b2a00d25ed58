// `npm run results`: trains every network of networks/ by its recipe and writes docs/results.md (results/).
// Options: --quick (CI-sized), --only a,b, --out DIR, --runs DIR, --backend B, --render-only, --best FILE,
// --bench FILE, --netc FILE (another netc build). Exit 0 ok; 1 a network failed (the others still run and the page is written; each failure named, with its log); 2 a usage error.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makePlan } from '../results/plan.js';
import { ResultsError } from '../results/results_error.js';
import { runResults } from '../results/run_results.js';

const usage = 'usage: npm run results -- [--quick] [--only NAME,…] [--out DIR] [--runs DIR] [--backend wasm|cpu|webgpu] [--render-only] [--best FILE] [--bench FILE] [--netc dist/cli/netc.js]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        runs: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        'render-only': { type: 'boolean', default: false },
        best: { type: 'string' },
        bench: { type: 'string', default: 'docs/results/bench_train.json' },
        netc: { type: 'string', default: 'dist/cli/netc.js' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`results: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${usage}\n`), 0;
  const root = process.cwd();
  try {
    const plan = makePlan({ quick: values.quick, only: values.only?.split(',').map((s) => s.trim()).filter(Boolean), bestFile: values.best });
    // --only chooses what trains; the page always shows every network (the others from their run directories).
    const page = makePlan({ quick: values.quick, bestFile: values.best });
    const runsDir = values.runs ?? (values.quick ? 'runs/results-quick' : 'runs/results');
    const outDir = values.out ?? (values.quick ? 'runs/results-quick' : 'docs');
    const flags = values.quick ? '--quick' : '';
    await runResults(plan, page, {
      root,
      netc: values.netc,
      runsDir,
      outDir,
      backend: values.backend,
      renderOnly: values['render-only'],
      quick: values.quick,
      benchJson: values.bench,
      command: `npm run results${flags ? ` -- ${flags}` : ''}`,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stderr.write(`results: wrote ${resolve(outDir, 'results.md')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ResultsError) {
      process.stderr.write(`results: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
