// Where eval/predict get weights: a netc run directory or checkpoint file, or a JSON state_dict with a name map.
import { readFileSync } from 'node:fs';
import { type Model, WeightError } from './model.js';
import { readCheckpoint } from './train/checkpoint.js';
import { readTorchJson, renameByMap, renameByOrder } from './weight_import.js';
import { irHash } from './ir_hash.js';
import { DataError } from './errors.js';

/**
 * Loads weights into `model`. `map`: undefined (names are already netc's), 'order', or a JSON file mapping
 * PyTorch module paths to netc layer paths.
 */
export function loadWeights(model: Model, location: string, map?: string): { epoch?: number } {
  if (location.endsWith('.json')) {
    const weights = readTorchJson(location);
    if (map === 'order') model.importWeights(renameByOrder(weights, model));
    else if (map) model.importWeights(renameByMap(weights, readNameMap(map)));
    else model.importWeights(weights);
    return {};
  }
  const ckpt = readCheckpoint(location);
  if (ckpt.header.irHash !== irHash(model.ir)) {
    throw new DataError(`${location}: these weights belong to ${ckpt.header.network} (structure ${ckpt.header.irHash}), not to ${model.ir.network} (${irHash(model.ir)}) as compiled now`);
  }
  model.importWeights(ckpt.weights);
  return { epoch: ckpt.header.epoch };
}

export function readNameMap(path: string): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('expected {"pytorch.module": "netc.layer", …}');
    return parsed as Record<string, string>;
  } catch (error) {
    throw new WeightError(`${path}: not a usable name map (${(error as Error).message.split('\n')[0]})`);
  }
}
