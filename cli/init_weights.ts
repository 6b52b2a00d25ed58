// Where --init-from's weights come from: a run directory or checkpoint, a safetensors file (netc's or
// PyTorch's save_file), or a JSON state_dict; --map renames PyTorch names first.
import type { Ir } from '../compiler/ir.js';
import { readWeightFile, renameByMapFile, type TorchWeights } from '../runtime/index.js';
import { UsageError } from './usage_error.js';

export function readInitWeights(source: string, map: string | undefined, ir: Ir): { weights: TorchWeights; source: string } {
  let weights: TorchWeights = readWeightFile(source).weights;
  if (map === 'order') throw new UsageError(`--map order pairs tensors with ${ir.network}'s parameters one by one, which cannot skip a replaced head; use a JSON name map with --init-from`);
  if (map) weights = renameByMapFile(weights, map, source);
  return { weights, source };
}
