// netc import-weights: turn a PyTorch state_dict (safetensors or JSON) into a netc checkpoint, renamed by a name map if given.
import { mkdirSync } from 'node:fs';
import { Model, Rng, irHash, loadWeights, startBackend, withFsErrors, writeCheckpoint } from '../runtime/index.js';
import type { CommandArgs } from './option_parser.js';
import type { importWeightsOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';

export async function importWeightsCommand(args: CommandArgs<typeof importWeightsOptions>): Promise<number> {
  const { from, out: outDir } = args.options;
  if (!from || !outDir) throw new UsageError('netc import-weights needs --from STATE.safetensors|STATE.json and --out DIR (and --map MAP.json or --map order unless the names are netc\'s)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  // The cpu backend is enough to hold the weights on their way from one file to another.
  await startBackend('cpu');
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, from, args.options.map);
    withFsErrors(outDir, 'create the output directory', () => mkdirSync(outDir, { recursive: true }));
    const path = writeCheckpoint(outDir, { network: ir.network, irHash: irHash(ir), epoch: 0, rng: new Rng(0).state }, await model.exportWeights(), new Map());
    process.stdout.write(`wrote ${path} (${model.params.length} tensors for ${ir.network})\n`);
    return 0;
  } finally {
    model.dispose();
  }
}
