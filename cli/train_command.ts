// netc train: compile, start the backend, load data, train with a live progress display, write the run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveRunDir, stopOnSignals } from './run_dir_flags.js';
import { createProgress, openRunDirectory, dataInfo, defaultOptimizerConfig, describeLoadReport, epochLine, explainPlan, train, writeDataInfo } from '../runtime/index.js';
import { withTrainingFlags } from './training_flags.js';
import { readInitWeights } from './init_weights.js';
import type { CommandArgs } from './option_parser.js';
import type { trainOptions } from './command_options.js';
import { compileForCommand } from './compile_input.js';
import { UsageError } from './usage_error.js';
import { backendFor, dataFor, humanStream, splitName } from './runtime_setup.js';

function defaultRunDir(network: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  let dir = join('runs', `${network}-${stamp}`);
  for (let i = 2; existsSync(dir); i++) dir = join('runs', `${network}-${stamp}-${i}`);
  return dir;
}

export async function trainCommand(args: CommandArgs<typeof trainOptions>): Promise<number> {
  const compiled = compileForCommand(args);
  if (!compiled) return 1;
  const ir = withTrainingFlags(compiled, args.options);
  const out = humanStream(args);
  if (args.options['init-from'] && args.options.resume) throw new UsageError('--init-from starts a run from other weights; --resume continues a run from its own: give one of them');
  const { epochs, batch, optimizer: optimizerKind, schedule: scheduleKind, seed, resume, flip } = args.options;
  const lr = args.options.lr ?? (optimizerKind === 'adam' ? 0.001 : 0.1);
  const cropPadding = args.options['random-crop'];
  const labelSmoothing = args.options['label-smoothing'];
  if (labelSmoothing >= 1) throw new UsageError(`--label-smoothing needs a number >= 0 and < 1, got ${labelSmoothing} (1 would train towards the uniform distribution)`);
  const runDir = resolveRunDir(args.options) ?? defaultRunDir(ir.network);
  // Before the backend and the data: a run directory that cannot be used fails now, not after an epoch.
  // Its lock goes on any exit of the process (the exit handlers), so error paths need no cleanup here.
  const run = openRunDirectory(runDir, { resume: resume !== undefined, force: args.options.force });
  run.notes.forEach((note) => out.write(`netc: ${note}\n`));
  // Ctrl-C, SIGTERM, SIGHUP: checkpoints are written atomically after each epoch, so say what is kept and how to go on.
  let completed = 0;
  const stopSignals = stopOnSignals(runDir, resume !== undefined, () => completed);
  const info = await backendFor(args);
  const { data, plan, normalize, normalization } = dataFor(args, ir);
  const evalName = data.evalSplit === 'validation' ? 'validation' : 'test';
  out.write(`training ${ir.network} (${ir.file}, ${ir.totalParams.toLocaleString('en-US')} params) on ${data.dir}: ${data.train.count.toLocaleString('en-US')} train / ${data.test.count.toLocaleString('en-US')} ${evalName} images${plan.resize ? `, resized to ${plan.resize}×${plan.resize}` : ''}\n`);
  out.write(`${epochs} epochs, batch ${batch}, ${optimizerKind} lr ${lr}${scheduleKind !== 'constant' ? ` (${scheduleKind})` : ''}${labelSmoothing ? `, label smoothing ${labelSmoothing}` : ''}, seed ${seed}; run directory ${runDir}\n`);
  const progress = createProgress(out);
  const result = await train({
    ir,
    data,
    plan,
    normalization,
    augmentation: cropPadding || flip ? { cropPadding, flip } : undefined,
    epochs,
    batch,
    schedule: { kind: scheduleKind, lr, epochs, stepSize: args.options['lr-step'] ?? Math.max(1, Math.floor(epochs / 3)), gamma: args.options['lr-gamma'] },
    optimizer: defaultOptimizerConfig(optimizerKind, args.options['weight-decay']),
    seed,
    labelSmoothing,
    traceEvery: args.options['trace-grad'],
    init: args.options.init,
    adapter: info.adapter,
    onPrepared: (model) => {
      // After the resume check: data.json tells eval and predict the classes, image size and normalization.
      writeDataInfo(runDir, dataInfo(data, plan.resize, normalize, normalization));
      if (args.options.explain) out.write(['train', 'eval'].map((mode) => `\n${explainPlan(ir, model.plan(mode as 'train' | 'eval'))}\n`).join('') + '\n');
    },
    runDir,
    resume,
    syncEvery: args.options['sync-every'],
    initFrom: args.options['init-from'] ? readInitWeights(args.options['init-from'], args.options.map, ir) : undefined,
    unfreezeAfter: args.options['unfreeze-after'],
    onInitReport: (report, model) => describeLoadReport(report, model).forEach((line) => out.write(line + '\n')),
    dataInfo: dataInfo(data, plan.resize, normalize, normalization),
    progress: { ...progress, epoch: (e) => ((completed = e.epoch), evalName === 'test' ? progress.epoch(e) : progress.line(epochLine(e).replace(' test acc ', ' val acc '))) },
  });
  stopSignals();
  run.release();
  const last = result.history[result.history.length - 1];
  out.write(`${splitName(data)} ${last.testAccuracy.toFixed(4)} after ${last.epoch} epoch${last.epoch === 1 ? "" : "s"} (${result.seconds.toFixed(1)} s, ${result.imagesPerSec.toFixed(0)} img/s); run directory ${result.runDir}\n`);
  if (result.best) out.write(`best ${evalName === 'test' ? 'test' : 'val'} acc ${result.best.accuracy.toFixed(4)} at epoch ${result.best.epoch}\n`);
  // The final figure: with --val-split, the final weights on the test split, which training never looked at.
  if (result.finalTestAccuracy !== undefined) out.write(`test accuracy ${result.finalTestAccuracy.toFixed(4)} of the final weights (epoch ${last.epoch}; the test split, evaluated once)\n`);
  if (args.options.json) {
    const summary = {
      network: ir.network,
      backend: info.backend,
      adapter: info.adapter,
      epochs: last.epoch,
      trainLoss: last.trainLoss,
      trainAccuracy: last.trainAccuracy,
      testAccuracy: last.testAccuracy,
      imagesPerSec: result.imagesPerSec,
      seconds: result.seconds,
      runDir: result.runDir,
      evalSplit: data.evalSplit,
      bestEpoch: result.best?.epoch ?? null,
      bestAccuracy: result.best?.accuracy ?? null,
      ...(result.finalTestAccuracy !== undefined ? { finalTestAccuracy: result.finalTestAccuracy } : {}),
      ...(result.initReport ? { init: { source: result.initReport.source, copied: result.initReport.copied.length, initialized: result.initReport.initialized.length, mismatched: result.initReport.mismatched.length, unused: result.initReport.unused.length } } : {}),
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  }
  return 0;
}
