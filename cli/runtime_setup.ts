// Shared by train, eval and predict: start the backend (and say which), load data, plan the input.
import { loadDataset, planInput, startBackend, type BackendInfo, type BackendRequest, type Dataset, type InputPlan, type Normalization } from '../runtime/index.js';
import type { Ir } from '../compiler/ir.js';
import type { OptionValues } from './option_parser.js';
import type { trainOptions } from './command_options.js';

/** Fashion-MNIST's pixel mean and standard deviation, for --normalize. */
export const fashionMnistNormalization: Normalization = { mean: 0.286, std: 0.353 };

/** Where people read progress: stderr when stdout carries --json. */
export const humanStream = (args: { options: { json: boolean } }): NodeJS.WriteStream => (args.options.json ? process.stderr : process.stdout);

export async function backendFor(args: { options: { json: boolean; backend: BackendRequest } }): Promise<BackendInfo> {
  const info = await startBackend(args.options.backend);
  humanStream(args).write(`backend: ${info.backend} — ${info.adapter} (${info.reason})\n`);
  return info;
}

export function dataFor(args: { options: Pick<OptionValues<typeof trainOptions>, 'data' | 'limit' | 'test-limit' | 'resize'> }, ir: Ir): { data: Dataset; plan: InputPlan } {
  const { options } = args;
  const data = loadDataset({ dir: options.data, limit: options.limit, testLimit: options['test-limit'] });
  const plan = planInput(ir.network, ir.input, data.train.shape, options.resize);
  return { data, plan };
}
