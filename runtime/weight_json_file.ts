// A PyTorch state_dict as a JSON file ({name: {shape, data}} or {weights: {...}}), read bounded (Node).
import { readBoundedText, readLimits } from './platform/read_bounded.js';
import { WeightError, type TorchWeights } from './model.js';
import { UserError } from './errors.js';
import { fromStateDict, tensorsFromJson, type JsonTensor } from './weight_import.js';

/** Reads `{weights: {...}}` or a bare `{name: {shape, data}}` object, checking every tensor's size. */
export function readTorchJson(path: string): TorchWeights {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readBoundedText(path, readLimits.jsonWeights));
  } catch (error) {
    if (error instanceof UserError) throw new WeightError(error.message);
    throw new WeightError(`${path}: not a readable JSON weights file (${(error as Error).message.split('\n')[0]})`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const root = isObject(parsed) && parsed.weights !== undefined ? parsed.weights : parsed;
  if (!isObject(root)) throw new WeightError(`${path}: expected an object of {name: {shape, data}}`);
  return fromStateDict(tensorsFromJson(root as Record<string, JsonTensor>, path));
}
