// Shared by train, eval and predict: start the backend (and say which), load data, plan the input.
import { DataError, loadData, normalizationFor, planInput, startBackend, type BackendInfo, type BackendRequest, type DataInfo, type Dataset, type InputPlan, type Normalization, type NormalizeMode } from '../runtime/index.js';
import type { Ir } from '../compiler/ir.js';
import type { OptionValues } from './option_parser.js';
import type { evalOptions } from './command_options.js';

/** Where people read progress: stderr when stdout carries --json. */
export const humanStream = (args: { options: { json: boolean } }): NodeJS.WriteStream => (args.options.json ? process.stderr : process.stdout);

export async function backendFor(args: { options: { json: boolean; backend: BackendRequest } }): Promise<BackendInfo> {
  const info = await startBackend(args.options.backend);
  humanStream(args).write(`backend: ${info.backend} — ${info.adapter} (${info.reason})\n`);
  return info;
}

type DataOptions = Pick<OptionValues<typeof evalOptions>, 'data' | 'limit' | 'test-limit' | 'resize' | 'val-split' | 'strict' | 'json'> & { normalize?: NormalizeMode; seed?: number };

export interface DataSetup {
  data: Dataset;
  plan: InputPlan;
  normalize: NormalizeMode;
  normalization?: Normalization;
}

/** Loads --data (IDX or an image folder) and says what was found; `run` (a run's data.json) fills in flags not given. */
export function dataFor(args: { options: DataOptions }, ir: Ir, run?: DataInfo): DataSetup {
  const { options } = args;
  const out = humanStream(args);
  const valSplit = options['val-split'] ?? run?.valSplit?.fraction;
  const seed = run?.valSplit?.seed ?? options.seed ?? 0;
  const imageFolder = run?.kind === 'image-folder';
  const loaded = loadData(
    {
      dir: options.data ?? run?.dir,
      limit: options.limit,
      testLimit: options['test-limit'],
      valSplit,
      seed,
      // Image folders are decoded at the run's size; IDX images are resized on the device.
      resize: imageFolder && !options.data ? run.image[1] : options.resize,
      strict: options.strict,
      evalOnly: run !== undefined && options.normalize === undefined,
    },
    ir,
  );
  const { data } = loaded;
  if (loaded.found) out.write(`data: ${loaded.found}\n`);
  if (loaded.decode) out.write(`${loaded.decode.line}\n`);
  if (run && data.kind === 'image-folder' && run.classNames.join('\n') !== data.classNames.join('\n')) {
    throw new DataError(`the run was trained on classes ${run.classNames.join(', ')} but ${data.dir} has ${data.classNames.join(', ')}`);
  }
  const resize = data.kind === 'idx' ? options.resize ?? run?.resize ?? undefined : undefined;
  const plan = planInput(ir.network, ir.input, data.train.shape, resize);
  // The run's statistics are reused as stored (not recomputed) unless --normalize is given again.
  const normalize = options.normalize ?? run?.normalize ?? 'none';
  const normalization = options.normalize === undefined && run ? run.normalization ?? undefined : normalizationFor(normalize, data.train);
  return { data, plan, normalize, normalization };
}

/** "test accuracy" or "validation accuracy (--val-split 0.2 of train, seed 0)" */
export function splitName(data: Dataset): string {
  return data.evalSplit === 'validation' ? `validation accuracy (--val-split ${data.valSplit!.fraction} of the training images, seed ${data.valSplit!.seed})` : 'test accuracy';
}
