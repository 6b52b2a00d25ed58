// netc eval: test accuracy and the confusion matrix of trained weights.
import { Model, Rng, evaluate, explainPlan, loadWeights, requireImages, runDataInfo } from '../runtime/index.js';
import type { CommandArgs } from './option_parser.js';
import type { evalOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, dataFor, humanStream, splitName } from './runtime_setup.js';

export function confusionTable(confusion: number[][], classNames: string[]): string {
  const width = Math.max(6, ...confusion.flat().map((n) => String(n).length + 1));
  const label = Math.max(...classNames.map((c) => c.length)) + 2;
  const header = ' '.repeat(label) + classNames.map((_, i) => String(i).padStart(width)).join('') + '   (rows: true class, columns: predicted)';
  const rows = confusion.map((row, i) => `${`${i} ${classNames[i]}`.padEnd(label)}${row.map((n) => String(n).padStart(width)).join('')}`);
  return [header, ...rows].join('\n');
}

export async function evalCommand(args: CommandArgs<typeof evalOptions>): Promise<number> {
  const { weights, batch } = args.options;
  if (!weights) throw new UsageError('netc eval needs --weights DIR (a run directory, a checkpoint, or a .json state_dict)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const info = await backendFor(args);
  // A run directory's data.json supplies the data, split, size, normalization and class names not given as flags.
  const { data, plan, normalization } = dataFor(args, ir, runDataInfo(weights));
  requireImages(data.test, data.evalSplit, data);
  const model = Model.create(ir, new Rng(0));
  await model.prepare(info.adapter, batch);
  if (args.options.explain) humanStream(args).write(`${explainPlan(ir, model.plan('eval'))}\n\n`);
  try {
    loadWeights(model, weights, args.options.map);
    const result = await evaluate(model, data.test, plan, batch, normalization, data.classNames.length);
    const out = humanStream(args);
    out.write(`${splitName(data)} ${result.accuracy.toFixed(4)} on ${result.count.toLocaleString('en-US')} images (${ir.network}, weights ${weights})\n${confusionTable(result.confusion, data.classNames)}\n`);
    if (args.options.json) {
      const { backend, adapter } = info;
      process.stdout.write(JSON.stringify({ network: ir.network, backend, adapter, testAccuracy: result.accuracy, count: result.count, classNames: data.classNames, confusion: result.confusion, evalSplit: data.evalSplit }) + '\n');
    }
    return 0;
  } finally {
    model.dispose();
  }
}
