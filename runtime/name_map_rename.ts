// Renaming by a name map (PyTorch module paths → netc layer paths), environment-neutral; name_map.ts reads map files.
import { WeightError } from './errors.js';
import type { TorchWeights } from './model.js';

/** PyTorch module path → netc layer path; a Map, so `__proto__`, `toString` or `constructor` are plain keys. */
export type NameMap = ReadonlyMap<string, string>;

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
