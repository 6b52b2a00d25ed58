// netc export --format pytorch: writes model.py (the network as one nn.Module), model.safetensors (its
// weights by netc's names, PyTorch's layout) and train_ddp.py (continue training with DDP) into a folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Ir } from '../../compiler/ir.js';
import type { TorchWeights } from '../model.js';
import { WeightError, DataError } from '../errors.js';
import { writeSafetensorsFile } from '../io/safetensors_file.js';
import { writeFileAtomic } from './atomic_file.js';
import { modelPy } from '../io/pytorch/model_py.js';
import { trainDdpPy, defaultTraining, type PytorchTraining } from '../io/pytorch/train_ddp_template.js';

export type { PytorchTraining } from '../io/pytorch/train_ddp_template.js';
export { trainingFromCheckpoint } from '../io/pytorch/train_ddp_template.js';

export interface PytorchExportOptions {
  /** The netc run's settings for train_ddp.py (default: netc train's defaults). */
  training?: PytorchTraining;
  /** Written into model.py's header. */
  netcVersion?: string;
  /**
   * The run's optimizer state (a checkpoint's `slots`, named `slot/parameter`, and its step count): written
   * as optimizer.safetensors, which train_ddp.py loads so momentum and Adam's moments continue, not restart.
   */
  optimizerState?: { step: number; slots: TorchWeights };
}

/** Every IR parameter must be in `weights` with its exact shape; extra names are an error too. */
function orderedWeights(ir: Ir, weights: TorchWeights, what: string): TorchWeights {
  const out: TorchWeights = new Map();
  const problems: string[] = [];
  for (const node of ir.nodes) {
    for (const p of node.params) {
      const w = weights.get(p.name);
      if (!w) problems.push(`missing '${p.name}'`);
      else if (w.shape.length !== p.shape.length || w.shape.some((d, i) => d !== p.shape[i])) problems.push(`'${p.name}' is [${w.shape.join(', ')}], the network needs [${p.shape.join(', ')}]`);
      else out.set(p.name, w);
    }
  }
  for (const name of weights.keys()) if (!out.has(name) && !problems.some((s) => s.includes(`'${name}'`))) problems.push(`unexpected '${name}'`);
  if (problems.length) throw new WeightError(`${what}: weights do not fit ${ir.network}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
  return out;
}

/** Writes the three files into `outDir` (created if needed); returns their paths. */
export function exportPytorch(ir: Ir, weights: TorchWeights, outDir: string, { training = defaultTraining(), netcVersion = 'unknown', optimizerState }: PytorchExportOptions = {}): string[] {
  const tensors = orderedWeights(ir, weights, ir.file);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new DataError(`${outDir}: cannot create the output folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const files = { model: join(outDir, 'model.py'), weights: join(outDir, 'model.safetensors'), train: join(outDir, 'train_ddp.py') };
  const text = (s: string) => [new TextEncoder().encode(s)];
  writeFileAtomic(files.model, text(modelPy(ir, { netcVersion })));
  writeSafetensorsFile(files.weights, tensors, { format: 'pt', network: ir.network, source: ir.file, args: JSON.stringify(ir.args), netc: netcVersion });
  writeFileAtomic(files.train, text(trainDdpPy(ir, training)));
  if (!optimizerState) return [files.model, files.weights, files.train];
  const state = join(outDir, 'optimizer.safetensors');
  writeSafetensorsFile(state, optimizerState.slots, { optimizer: training.optimizer.kind, step: String(optimizerState.step) });
  return [files.model, files.weights, files.train, state];
}
