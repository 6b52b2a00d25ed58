// netc import-weights: turn a PyTorch state_dict (JSON) into a netc checkpoint, renaming with a name map.
import { mkdirSync } from 'node:fs';
import type { ParsedArgs } from './args.js';
import { UsageError, stringFlag } from './args.js';
import { compileForCommand } from './compile_input.js';
import * as tf from '../runtime/tfjs.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { loadWeights } from '../runtime/weights_source.js';
import { writeCheckpoint } from '../runtime/train/checkpoint.js';
import { irHash } from '../runtime/ir_hash.js';

export async function importWeightsCommand(args: ParsedArgs): Promise<number> {
  const from = stringFlag(args, 'from');
  const outDir = stringFlag(args, 'out');
  if (!from || !outDir) throw new UsageError('netc import-weights needs --from STATE.json and --out DIR (and --map MAP.json or --map order)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, from, stringFlag(args, 'map'));
    mkdirSync(outDir, { recursive: true });
    const path = writeCheckpoint(outDir, { network: ir.network, irHash: irHash(ir), epoch: 0, rng: new Rng(0).state }, await model.exportWeights(), new Map());
    process.stdout.write(`wrote ${path} (${model.params.length} tensors for ${ir.network})\n`);
    return 0;
  } finally {
    model.dispose();
  }
}
