// Weights from PyTorch: a state_dict (safetensors from `save_file(model.state_dict(), …)`, or JSON {name: {shape,
// data}}) with PyTorch's bookkeeping removed, renamed to netc's names by a name map or by order. Environment-neutral
// (weight_json_file.ts reads the JSON files).
import type { Model, TorchWeights } from './model.js';
import { WeightError } from './model.js';
import { renameByMap as renameByNameMap, type NameMap } from './name_map_rename.js';

export interface JsonTensor {
  shape: number[];
  data: number[];
}

const FLOAT_DTYPES = new Set(['F32', 'F64', 'F16', 'BF16']);

/**
 * A PyTorch state_dict as netc reads it: `num_batches_tracked` dropped (netc's batchnorm always uses its
 * momentum), a DDP/DataParallel `module.` prefix removed when every key has it, and only float tensors
 * (given `dtypes`, a non-float tensor is an error naming `what`).
 */
export function fromStateDict(weights: TorchWeights, dtypes?: Map<string, string>, what = 'the weights'): TorchWeights {
  const kept = [...weights].filter(([name]) => !isBatchCounter(name));
  const prefixed = kept.length > 0 && kept.every(([name]) => name.startsWith('module.'));
  const out: TorchWeights = new Map();
  for (const [name, tensor] of kept) {
    const dtype = dtypes?.get(name);
    if (dtype !== undefined && !FLOAT_DTYPES.has(dtype)) throw new WeightError(`${what}: tensor '${name}' is ${dtype}; netc reads float tensors (F32, F64, F16, BF16)`);
    out.set(prefixed ? name.slice('module.'.length) : name, tensor);
  }
  return out;
}

const isBatchCounter = (name: string): boolean => name === 'num_batches_tracked' || name.endsWith('.num_batches_tracked');

export function tensorsFromJson(root: Record<string, JsonTensor>, what: string): TorchWeights {
  const out: TorchWeights = new Map();
  for (const [name, t] of Object.entries(root)) {
    if (!Array.isArray(t?.shape) || !Array.isArray(t?.data)) throw new WeightError(`${what}: '${name}' is not {shape, data}`);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new WeightError(`${what}: '${name}' has shape ${JSON.stringify(t.shape)}; expected non-negative integers`);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.data.length !== size) throw new WeightError(`${what}: '${name}' has ${t.data.length} values for shape [${t.shape.join(', ')}] (${size})`);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const v: unknown = t.data[i];
      // Float32Array.from would turn null into 0 and "x" into NaN without a word.
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new WeightError(`${what}: '${name}' data[${i}] is ${typeof v === 'number' ? v : JSON.stringify(v) ?? String(v)}; expected a finite number`);
      data[i] = v;
      if (!Number.isFinite(data[i])) throw new WeightError(`${what}: '${name}' data[${i}] is ${v}, beyond float32's range (±3.4e38)`);
    }
    out.set(name, { shape: t.shape, data });
  }
  return out;
}

/** Renames PyTorch names to netc names by a name map (runtime/name_map.ts), PyTorch's bookkeeping dropped. */
export function renameByMap(weights: TorchWeights, map: NameMap | Record<string, string>): TorchWeights {
  return renameByNameMap(weights, map, isBatchCounter);
}

/** Pairs state_dict entries with the model's parameters in order, requiring equal shapes. */
export function renameByOrder(weights: TorchWeights, model: Model): TorchWeights {
  const entries = [...weights].filter(([name]) => !isBatchCounter(name));
  if (entries.length !== model.params.length) {
    throw new WeightError(`the weights hold ${entries.length} tensors, the network has ${model.params.length} parameters and buffers`);
  }
  const out: TorchWeights = new Map();
  entries.forEach(([name, tensor], i) => {
    const p = model.params[i].param;
    if (tensor.shape.join(',') !== p.shape.join(',')) {
      throw new WeightError(`in order, '${name}' [${tensor.shape.join(', ')}] would load into '${p.name}' [${p.shape.join(', ')}]`);
    }
    out.set(p.name, tensor);
  });
  return out;
}
