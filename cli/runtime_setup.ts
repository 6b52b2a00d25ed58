// Shared by train, eval and predict: start the backend (and say which), load data, plan the input.
import type { ParsedArgs } from './args.js';
import { choiceFlag, optionalNumberFlag, stringFlag } from './args.js';
import { backendChoices, startBackend, type BackendInfo } from '../runtime/backends/start_backend.js';
import { loadDataset, type Dataset } from '../runtime/data/dataset.js';
import { planInput, type InputPlan } from '../runtime/data/input_fit.js';
import type { Ir } from '../compiler/ir.js';

/** Where people read progress: stderr when stdout carries --json. */
export const humanStream = (args: ParsedArgs): NodeJS.WriteStream => (args.flags.has('json') ? process.stderr : process.stdout);

export async function backendFor(args: ParsedArgs): Promise<BackendInfo> {
  const info = await startBackend(choiceFlag(args, 'backend', backendChoices, 'auto'));
  humanStream(args).write(`backend: ${info.backend} — ${info.adapter} (${info.reason})\n`);
  return info;
}

export function dataFor(args: ParsedArgs, ir: Ir): { data: Dataset; plan: InputPlan } {
  const data = loadDataset({
    dir: stringFlag(args, 'data'),
    limit: optionalNumberFlag(args, 'limit', { integer: true, min: 1 }),
    testLimit: optionalNumberFlag(args, 'test-limit', { integer: true, min: 1 }),
  });
  const plan = planInput(ir.network, ir.input, data.train.shape, optionalNumberFlag(args, 'resize', { integer: true, min: 1 }));
  return { data, plan };
}
