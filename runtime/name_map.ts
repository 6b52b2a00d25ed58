// --map MAP.json: a JSON object from PyTorch module paths to netc layer paths, validated on read, looked up by own keys only.
import { WeightError } from './errors.js';
import { FileReadError, readBoundedJson } from './platform/read_bounded.js';
import type { TorchWeights } from './model.js';

/** PyTorch module path → netc layer path; a Map, so `__proto__`, `toString` or `constructor` are plain keys. */
export type NameMap = ReadonlyMap<string, string>;

/** A dotted path: one or more segments, none empty, no white space ("0", "features.3", "stage2.0.conv1"). */
const dottedPath = /^[^.\s]+(\.[^.\s]+)*$/;

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

const expected = 'expected a JSON object {"pytorch.module": "netc.layer", …}';

/** Reads and checks a name map file; every problem is a one-line WeightError naming the file and the key. */
export function readNameMap(path: string): NameMap {
  let parsed: unknown;
  try {
    parsed = readBoundedJson(path);
  } catch (error) {
    if (error instanceof FileReadError) throw new WeightError(`${path}: not a usable name map (${error.reason})`);
    throw error;
  }
  const fail = (why: string) => new WeightError(`${path}: not a usable name map (${why})`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail(`${expected}, got ${kindOf(parsed)}`);
  // JSON.parse makes every key an own data property, "__proto__" included; Object.entries sees exactly those.
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) throw fail(`it is empty; ${expected}`);
  const map = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!dottedPath.test(key)) throw fail(`the key ${JSON.stringify(key)} is not a module path such as "features.3" (dot-separated names, none empty)`);
    if (typeof value !== 'string') throw fail(`the value of "${key}" is ${kindOf(value)}, not a netc layer path string`);
    if (!dottedPath.test(value)) throw fail(`the value of "${key}", ${JSON.stringify(value)}, is not a netc layer path such as "stem.conv1"`);
    map.set(key, value);
  }
  return map;
}

/**
 * Renames PyTorch names to netc names: `map` maps module paths (`"0"`, `"features.3"`) to netc layer paths
 * (`"conv1"`, `"stem.conv1"`); the parameter suffix (`weight`, `running_mean`, …) is kept. A tensor without a module
 * path, a module the map lacks, a map key that names no module, and two tensors renamed alike are errors.
 */
export function renameByMap(weights: TorchWeights, map: NameMap | Record<string, string>, isBookkeeping: (name: string) => boolean): TorchWeights {
  const lookup: NameMap = map instanceof Map ? map : new Map(Object.entries(map));
  const out: TorchWeights = new Map();
  const from = new Map<string, string>();
  const used = new Set<string>();
  for (const [name, tensor] of weights) {
    if (isBookkeeping(name)) continue; // PyTorch bookkeeping netc does not need
    const dot = name.lastIndexOf('.');
    if (dot <= 0) throw new WeightError(`the weights' tensor '${name}' has no module path (a name map renames modules: "module.${name}" → "layer.${name}"); load it without --map or rename it in PyTorch`);
    const module = name.slice(0, dot);
    const target = lookup.get(module);
    if (target === undefined) throw new WeightError(`the name map has no entry for '${module}' (from '${name}')`);
    used.add(module);
    const renamed = `${target}.${name.slice(dot + 1)}`;
    const earlier = from.get(renamed);
    if (earlier !== undefined) throw new WeightError(`the name map renames both '${earlier}' and '${name}' to '${renamed}'`);
    from.set(renamed, name);
    out.set(renamed, tensor);
  }
  for (const key of lookup.keys()) {
    if (used.has(key)) continue;
    const hint = weights.has(key) ? `: it is a tensor's full name; keys are module paths, without the .${key.slice(key.lastIndexOf('.') + 1)} suffix` : '';
    throw new WeightError(`the name map's key '${key}' names no module of the weights${hint}`);
  }
  return out;
}
