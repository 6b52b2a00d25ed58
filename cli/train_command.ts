// netc train: compile, start the backend, load data, train with a live progress display, write the run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedArgs } from './args.js';
import { choiceFlag, numberFlag, optionalNumberFlag, stringFlag } from './args.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, dataFor, humanStream } from './runtime_setup.js';
import { train } from '../runtime/train/trainer.js';
import { defaultOptimizerConfig, optimizerChoices } from '../runtime/train/optimizer.js';
import { scheduleChoices } from '../runtime/train/schedule.js';
import { createProgress } from '../runtime/train/progress.js';
import { initChoices } from '../runtime/init.js';
import { explainPlan } from '../runtime/lowering_plan.js';

function defaultRunDir(network: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  let dir = join('runs', `${network}-${stamp}`);
  for (let i = 2; existsSync(dir); i++) dir = join('runs', `${network}-${stamp}-${i}`);
  return dir;
}

export async function trainCommand(args: ParsedArgs): Promise<number> {
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const out = humanStream(args);
  const epochs = numberFlag(args, 'epochs', 10, { integer: true, min: 1 });
  const batch = numberFlag(args, 'batch', 256, { integer: true, min: 1 });
  const optimizerKind = choiceFlag(args, 'optimizer', optimizerChoices, 'sgd');
  const lr = numberFlag(args, 'lr', optimizerKind === 'adam' ? 0.001 : 0.1, { min: 0 });
  const scheduleKind = choiceFlag(args, 'schedule', scheduleChoices, 'constant');
  const seed = numberFlag(args, 'seed', 0, { integer: true, min: 0 });
  const cropPadding = optionalNumberFlag(args, 'random-crop', { integer: true, min: 0 }) ?? 0;
  const resume = stringFlag(args, 'resume');
  const info = await backendFor(args);
  const { data, plan } = dataFor(args, ir);
  const runDir = resume ?? stringFlag(args, 'out') ?? defaultRunDir(ir.network);
  out.write(`training ${ir.network} (${ir.file}, ${ir.totalParams.toLocaleString('en-US')} params) on ${data.dir}: ${data.train.count.toLocaleString('en-US')} train / ${data.test.count.toLocaleString('en-US')} test images${plan.resize ? `, resized to ${plan.resize}×${plan.resize}` : ''}\n`);
  out.write(`${epochs} epochs, batch ${batch}, ${optimizerKind} lr ${lr}${scheduleKind !== 'constant' ? ` (${scheduleKind})` : ''}, seed ${seed}; run directory ${runDir}\n`);
  // Ctrl-C: checkpoints are written atomically after each epoch, so say what is kept and how to go on.
  let completed = 0;
  const progress = createProgress(out);
  const onInterrupt = () => {
    process.stderr.write(`\nnetc: interrupted; ${completed > 0 ? `the checkpoint after epoch ${completed} is in ${runDir}; continue with --resume ${runDir}` : 'no epoch had finished, nothing was saved'}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  const normalize = args.flags.has('normalize');
  const result = await train({
    ir,
    data,
    plan,
    normalization: normalize ? { mean: 0.2860, std: 0.3530 } : undefined,
    augmentation: cropPadding || args.flags.has('flip') ? { cropPadding, flip: args.flags.has('flip') } : undefined,
    epochs,
    batch,
    schedule: { kind: scheduleKind, lr, epochs, stepSize: numberFlag(args, 'lr-step', Math.max(1, Math.floor(epochs / 3)), { integer: true, min: 1 }), gamma: numberFlag(args, 'lr-gamma', 0.1, { min: 0 }) },
    optimizer: defaultOptimizerConfig(optimizerKind, numberFlag(args, 'weight-decay', 0, { min: 0 })),
    seed,
    init: choiceFlag(args, 'init', initChoices, 'pytorch'),
    adapter: info.adapter,
    onPrepared: args.flags.has('explain') ? (model) => out.write(['train', 'eval'].map((mode) => `\n${explainPlan(ir, model.plan(mode as 'train' | 'eval'))}\n`).join('') + '\n') : undefined,
    runDir,
    resume,
    syncEvery: numberFlag(args, 'sync-every', 10, { integer: true, min: 1 }),
    progress: { ...progress, epoch: (e) => ((completed = e.epoch), progress.epoch(e)) },
  });
  process.off('SIGINT', onInterrupt);
  const last = result.history[result.history.length - 1];
  out.write(`test accuracy ${last.testAccuracy.toFixed(4)} after ${last.epoch} epoch${last.epoch === 1 ? "" : "s"} (${result.seconds.toFixed(1)} s, ${result.imagesPerSec.toFixed(0)} img/s); run directory ${result.runDir}\n`);
  if (args.flags.has('json')) {
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
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  }
  return 0;
}
