// Where weights come from: a run directory, a netc model.safetensors, a PyTorch-written safetensors file, an old
// checkpoint.netc or a JSON state_dict — one reader for import-weights, eval/predict --weights and --init-from.
import { type Model, type TorchWeights, WeightError } from './model.js';
import { checkpointPath, netcHeader, readBytes } from './platform/checkpoint_files.js';
import { decodeLegacyCheckpoint, isLegacyCheckpoint } from './io/checkpoint_v1.js';
import { decodeSafetensors } from './io/safetensors.js';
import { fromStateDict, renameByMap, renameByOrder } from './weight_import.js';
import { readTorchJson } from './weight_json_file.js';
import { irHash } from './ir_hash.js';
import { DataError } from './errors.js';
import { readNameMap } from './name_map.js';
import { checkHeaderBasics, requireFinite } from './io/checkpoint_validate.js';

export { readNameMap };

export type WeightFileKind = 'run' | 'checkpoint' | 'safetensors' | 'json' | 'netc-v1';

export interface WeightFile {
  weights: TorchWeights;
  kind: WeightFileKind;
  /** The network that wrote a netc checkpoint (run, checkpoint, netc-v1). */
  network?: string;
  /** Its structural hash (see ir_hash.ts): netc weights load only into the network that wrote them. */
  irHash?: string;
  /** Its epochs completed. */
  epoch?: number;
}

/** Reads weights (not optimizer state) from any place netc takes them from; names are netc's or PyTorch's as stored. */
export function readWeightFile(location: string): WeightFile {
  const file = readAnyWeightFile(location);
  requireFinite(file.weights, file.kind === 'json' ? location : checkpointPath(location));
  return file;
}

function readAnyWeightFile(location: string): WeightFile {
  if (location.endsWith('.json')) return { weights: readTorchJson(location), kind: 'json' };
  const path = checkpointPath(location);
  const isRun = path !== location;
  const bytes = readBytes(path, isRun ? 'no checkpoint there (expected a run directory with model.safetensors)' : 'no such file');
  if (isLegacyCheckpoint(bytes)) {
    const { header, weights } = decodeLegacyCheckpoint(bytes, path);
    checkHeaderBasics(header, path);
    return { weights, kind: 'netc-v1', network: header.network, irHash: header.irHash, epoch: header.epoch };
  }
  const file = decodeSafetensors(bytes, path);
  const header = netcHeader(file, path);
  if (header) return { weights: file.tensors, kind: isRun ? 'run' : 'checkpoint', network: header.network, irHash: header.irHash, epoch: header.epoch };
  if (isRun) throw new DataError(`${path}: not a netc checkpoint (no netc metadata)`);
  return { weights: fromStateDict(file.tensors, file.dtypes, path), kind: 'safetensors' };
}

/** Renames by a map file; a name the map lacks is the map's fault, so the message names the map first. */
export function renameByMapFile(weights: TorchWeights, map: string, location: string): TorchWeights {
  const names = readNameMap(map);
  try {
    return renameByMap(weights, names);
  } catch (error) {
    if (error instanceof WeightError) throw new WeightError(`${map}: ${error.message}; the weights are ${location}`);
    throw error;
  }
}

/**
 * Loads weights into `model`. `map`: undefined (names are already netc's), 'order', or a JSON file mapping
 * PyTorch module paths to netc layer paths. netc's own checkpoints load without a map only into the network
 * that wrote them.
 */
export function loadWeights(model: Model, location: string, map?: string): { epoch?: number; kind: WeightFileKind } {
  const file = readWeightFile(location);
  try {
    if (map === 'order') model.importWeights(renameByOrder(file.weights, model));
    else if (map) model.importWeights(renameByMapFile(file.weights, map, location));
    else {
      if (file.irHash !== undefined && file.irHash !== irHash(model.ir)) {
        throw new DataError(`${location}: these weights belong to ${file.network} (structure ${file.irHash}), not to ${model.ir.network} (${irHash(model.ir)}) as compiled now`);
      }
      model.importWeights(file.weights);
    }
  } catch (error) {
    // Every weight problem names the file it came from.
    const named = location.endsWith('.json') ? location : checkpointPath(location);
    if (error instanceof WeightError && !error.message.startsWith(named) && !(map && error.message.startsWith(map))) throw new WeightError(`${named}: ${error.message}`);
    throw error;
  }
  return { epoch: file.epoch, kind: file.kind };
}
