// netc eval: test accuracy and the confusion matrix of trained weights.
import type { ParsedArgs } from './args.js';
import { UsageError, numberFlag, stringFlag } from './args.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, dataFor, humanStream } from './runtime_setup.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { loadWeights } from '../runtime/weights_source.js';
import { evaluate } from '../runtime/evaluate_model.js';
import { explainPlan } from '../runtime/lowering_plan.js';

export function confusionTable(confusion: number[][], classNames: string[]): string {
  const width = Math.max(6, ...confusion.flat().map((n) => String(n).length + 1));
  const label = Math.max(...classNames.map((c) => c.length)) + 2;
  const header = ' '.repeat(label) + classNames.map((_, i) => String(i).padStart(width)).join('') + '   (rows: true class, columns: predicted)';
  const rows = confusion.map((row, i) => `${`${i} ${classNames[i]}`.padEnd(label)}${row.map((n) => String(n).padStart(width)).join('')}`);
  return [header, ...rows].join('\n');
}

export async function evalCommand(args: ParsedArgs): Promise<number> {
  const weights = stringFlag(args, 'weights');
  if (!weights) throw new UsageError('netc eval needs --weights DIR (a run directory, a checkpoint, or a .json state_dict)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const info = await backendFor(args);
  const { data, plan } = dataFor(args, ir);
  const model = Model.create(ir, new Rng(0));
  const batch = numberFlag(args, 'batch', 256, { integer: true, min: 1 });
  await model.prepare(info.adapter, batch);
  if (args.flags.has('explain')) humanStream(args).write(`${explainPlan(ir, model.plan('eval'))}\n\n`);
  try {
    loadWeights(model, weights, stringFlag(args, 'map'));
    const result = await evaluate(model, data.test, plan, batch, args.flags.has('normalize') ? { mean: 0.286, std: 0.353 } : undefined);
    const out = humanStream(args);
    out.write(`test accuracy ${result.accuracy.toFixed(4)} on ${result.count.toLocaleString('en-US')} images (${ir.network}, weights ${weights})\n${confusionTable(result.confusion, data.classNames)}\n`);
    if (args.flags.has('json')) {
      const { backend, adapter } = info;
      process.stdout.write(JSON.stringify({ network: ir.network, backend, adapter, testAccuracy: result.accuracy, count: result.count, classNames: data.classNames, confusion: result.confusion }) + '\n');
    }
    return 0;
  } finally {
    model.dispose();
  }
}
