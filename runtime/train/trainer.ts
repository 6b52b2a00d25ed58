// The training loop: batches through the model, optimizer steps, BatchNorm statistics, per-epoch evaluation,
// metrics.jsonl, curves.svg and an atomic checkpoint after every epoch; resumable to the same next loss.
import { join } from 'node:path';
import * as tf from '../tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model } from '../model.js';
import type { InitScheme } from '../init.js';
import { Rng } from '../rng.js';
import type { Dataset } from '../data/dataset.js';
import { type Augmentation, epochOrder, makeBatch } from '../data/batches.js';
import { type InputPlan } from '../data/input_fit.js';
import { DataError, TrainingDiverged } from '../errors.js';
import { inputTensor, type Normalization } from '../input_pipeline.js';
import { evaluate } from '../evaluate_model.js';
import { irHash } from '../ir_hash.js';
import { trainStep } from './train_step.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { learningRate, type Schedule } from './schedule.js';
import { readCheckpoint, writeCheckpoint } from '../io/checkpoint.js';
import { curvesSvg, type EpochPoint } from './curves_svg.js';
import type { Progress } from './progress.js';
import { toTf, toTorch, tfShape } from '../layout.js';
import type { TorchWeights } from '../model.js';
import { initFrom, type LoadReport } from '../init_from.js';
import { parameterMultipliers, trainingFingerprint, trainingStateAt } from './training_state.js';
import { CURVES_FILE, INIT_REPORT_FILE, appendMetrics, ensureRunDirectory, reconcileMetrics, writeRunFile } from './run_directory.js';
import { checkStateFinite, keptCheckpoint, lossDivergence } from './weights_health.js';
import { checkTrainConfig } from './train_preflight.js';
import { checkResumeState } from '../io/checkpoint_validate.js';
import type { DataInfo } from '../data/data_info.js';

export interface TrainConfig {
  ir: Ir;
  data: Dataset;
  plan: InputPlan;
  normalization?: Normalization;
  augmentation?: Augmentation;
  epochs: number;
  batch: number;
  schedule: Schedule;
  optimizer: OptimizerConfig;
  seed: number;
  /** Initialization: PyTorch's defaults, or D2L's xavier-uniform (init_cnn). */
  init?: InitScheme;
  runDir: string;
  resume?: string;
  /** Names the adapter in the lowering-trial cache (default: the backend's name). */
  adapter?: string;
  /** Called once the model is built and its lowerings are chosen (e.g. to print them). */
  onPrepared?: (model: Model) => void;
  /** Read loss and accuracy back every this many steps (each read-back waits for the device). */
  syncEvery: number;
  progress: Progress;
  /** Fine-tuning: weights copied by name (and shape) before the first epoch; ignored on resume. */
  initFrom?: { weights: TorchWeights; source: string };
  /** Frozen layers train too from this many completed epochs on (fastai's schedule). */
  unfreezeAfter?: number;
  /** Called with --init-from's report before training starts. */
  onInitReport?: (report: LoadReport, model: Model) => void;
  /** What the run was trained on (data.json's content), also kept in each checkpoint for eval and predict. */
  dataInfo?: DataInfo;
}

export interface EpochMetrics extends EpochPoint {
  lr: number;
  seconds: number;
  imagesPerSec: number;
}

export interface TrainResult {
  /** What --init-from copied (absent without it, or on resume). */
  initReport?: LoadReport;
  history: EpochMetrics[];
  runDir: string;
  seconds: number;
  imagesPerSec: number;
}


/** Settings that must match when resuming, or the continued run would not be the same run. */
function resumeSettings(c: TrainConfig) {
  return {
    data: c.data.dir,
    limit: c.data.train.count,
    resize: c.plan.resize ?? null,
    normalization: c.normalization ?? null,
    augmentation: c.augmentation ?? null,
    batch: c.batch,
    seed: c.seed,
    // Frozen scopes and lr/decay multipliers are part of the run (only where there are any, so runs without
    // rules keep the settings they always had).
    ...(c.ir.nodes.some((n) => n.training) || c.unfreezeAfter !== undefined ? { training: trainingFingerprint(c.ir, c.unfreezeAfter) } : {}),
    // Only where they differ from an IDX run with its test split, so older checkpoints still resume.
    ...(c.data.kind === 'image-folder' ? { kind: c.data.kind, classes: c.data.classNames, image: c.data.train.shape } : {}),
    ...(c.data.valSplit ? { valSplit: c.data.valSplit } : {}),
  };
}

async function slotsToTorch(model: Model, optimizer: Optimizer): Promise<TorchWeights> {
  const out: TorchWeights = new Map();
  const trainable = model.params.filter((p) => p.param.trainable);
  for (const [slot, variables] of optimizer.slots) {
    for (let i = 0; i < variables.length; i++) {
      const p = trainable[i];
      const data = (await variables[i].data()) as Float32Array;
      out.set(`${slot}/${p.param.name}`, { shape: p.param.shape, data: toTorch(p.layout, p.param.shape, data, p.channels) });
    }
  }
  return out;
}

function loadSlots(model: Model, optimizer: Optimizer, slots: TorchWeights, where: string): void {
  const trainable = model.params.filter((p) => p.param.trainable);
  for (const [slot, variables] of optimizer.slots) {
    variables.forEach((variable, i) => {
      const p = trainable[i];
      const saved = slots.get(`${slot}/${p.param.name}`);
      if (!saved) throw new DataError(`${where}: the checkpoint lacks optimizer state '${slot}' for '${p.param.name}'`);
      if (saved.shape.join(',') !== p.param.shape.join(',')) throw new DataError(`${where}: optimizer state '${slot}/${p.param.name}' has shape [${saved.shape.join(', ')}], the parameter [${p.param.shape.join(', ')}]`);
      const { data } = toTf(p.layout, p.param.shape, saved.data, p.channels);
      tf.tidy(() => variable.assign(tf.tensor(data, tfShape(p.layout, p.param.shape, p.channels))));
    });
  }
}

export async function train(c: TrainConfig): Promise<TrainResult> {
  checkTrainConfig(c);
  const model = Model.create(c.ir, new Rng(c.seed), c.init);
  const multipliers = parameterMultipliers(c.ir);
  const optimizer = new Optimizer(c.optimizer, model.learnableVariables, { lrMult: multipliers.map((m) => m.lrMult), decayMult: multipliers.map((m) => m.decayMult) });
  let initReport: LoadReport | undefined;
  let rng = new Rng(c.seed + 1);
  let startEpoch = 0;
  const history: EpochMetrics[] = [];
  const hash = irHash(c.ir);
  try {
    if (c.resume) {
      const ckpt = readCheckpoint(c.resume);
      if (ckpt.header.irHash !== hash) throw new DataError(`${c.resume}: the checkpoint was written by a different network (${ckpt.header.network}, structure ${ckpt.header.irHash}), not this one (${hash})`);
      const saved = JSON.stringify(ckpt.header.settings ?? {});
      const now = JSON.stringify(resumeSettings(c));
      if (saved !== now) throw new DataError(`${c.resume}: resume with the same data, batch, seed and preprocessing flags as the run (checkpoint: ${saved}; now: ${now})`);
      checkResumeState(ckpt.header, ckpt.path, optimizer.variables.length);
      if (ckpt.header.optimizer && ckpt.header.optimizer.config.kind !== c.optimizer.kind) throw new DataError(`${c.resume}: the run used --optimizer ${ckpt.header.optimizer.config.kind}`);
      model.importWeights(ckpt.weights, { source: ckpt.path });
      loadSlots(model, optimizer, ckpt.slots, ckpt.slotsPath ?? ckpt.path);
      optimizer.step = ckpt.header.optimizer?.step ?? 0;
      const steps = ckpt.header.optimizer?.steps;
      optimizer.steps.forEach((_, i) => (optimizer.steps[i] = steps?.[i] ?? optimizer.step));
      rng = new Rng(ckpt.header.rng);
      startEpoch = ckpt.header.epoch;
      history.push(...((ckpt.header.history ?? []) as unknown as EpochMetrics[]));
      c.progress.line(`resuming ${ckpt.header.network} from ${c.resume} after epoch ${startEpoch}`);
      if (history.length === startEpoch) {
        const note = reconcileMetrics(c.runDir, history);
        if (note) c.progress.line(note);
      }
    } else if (c.initFrom) {
      initReport = initFrom(model, c.initFrom.weights, c.initFrom.source);
      c.onInitReport?.(initReport, model);
    }
    await model.prepare(c.adapter ?? tf.getBackend(), c.batch);
    c.onPrepared?.(model);
    ensureRunDirectory(c.runDir);
    if (initReport) writeRunFile(c.runDir, INIT_REPORT_FILE, JSON.stringify(initReport, null, 2) + '\n');
    const started = performance.now();
    let imagesSeen = 0;
    let frozenCount = -1;
    for (let epoch = startEpoch; epoch < c.epochs; epoch++) {
      const state = trainingStateAt(c.ir, epoch, c.unfreezeAfter);
      model.setTrainingState(state);
      if (frozenCount > 0 && state.frozen.size === 0) c.progress.line(`epoch ${epoch + 1}: unfreezing every layer (--unfreeze-after ${c.unfreezeAfter})`);
      frozenCount = state.frozen.size;
      if (model.trainableVariables.length === 0) throw new DataError(`every parameter of ${c.ir.network} is frozen in epoch ${epoch + 1}: nothing would train (unfreeze a scope, or use --unfreeze-after)`);
      const metrics = await trainEpoch(c, model, optimizer, rng, epoch);
      await checkStateFinite(model, optimizer, epoch + 1, metrics.lr, keptCheckpoint(c.runDir, epoch, c.resume !== undefined));
      imagesSeen += c.data.train.count;
      const test = await evaluate(model, c.data.test, c.plan, Math.max(c.batch, 256), c.normalization);
      const m: EpochMetrics = { ...metrics, testAccuracy: test.accuracy };
      history.push(m);
      writeCheckpoint(
        c.runDir,
        {
          network: c.ir.network,
          irHash: hash,
          epoch: epoch + 1,
          rng: rng.state,
          optimizer: { config: c.optimizer, step: optimizer.step, steps: [...optimizer.steps], lrMult: optimizer.groups.lrMult, decayMult: optimizer.groups.decayMult, slots: [...optimizer.slots.keys()] },
          schedule: c.schedule,
          batch: c.batch,
          settings: resumeSettings(c),
          history: history as unknown as Record<string, number>[],
          ...(c.dataInfo ? { data: c.dataInfo } : {}),
        },
        await model.exportWeights(),
        await slotsToTorch(model, optimizer),
      );
      // Only now that the epoch's checkpoint is in place: metrics.jsonl never holds an epoch a resume would repeat.
      appendMetrics(c.runDir, m);
      writeRunFile(c.runDir, CURVES_FILE, curvesSvg(history, `${c.ir.network} on ${c.data.dir.split('/').pop()}`));
      c.progress.epoch({ ...m, epochs: c.epochs });
    }
    const seconds = (performance.now() - started) / 1000;
    return { initReport, history, runDir: c.runDir, seconds, imagesPerSec: imagesSeen / Math.max(seconds, 1e-9) };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

async function trainEpoch(c: TrainConfig, model: Model, optimizer: Optimizer, rng: Rng, epoch: number): Promise<Omit<EpochMetrics, 'testAccuracy'>> {
  const lr = learningRate(c.schedule, epoch);
  const split = c.data.train;
  const order = epochOrder(split.count, rng, true);
  // A final batch of one example is dropped: batch statistics need two values per channel (PyTorch refuses them).
  const steps = split.count % c.batch === 1 && split.count > 1 ? Math.floor(split.count / c.batch) : Math.ceil(split.count / c.batch);
  let lossSum = tf.scalar(0);
  let correctSum = tf.scalar(0);
  let seen = 0;
  let reported = { loss: 0, correct: 0, seen: 0 };
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    const size = Math.min(c.batch, split.count - step * c.batch);
    const batch = makeBatch(split, order, step * c.batch, size, c.augmentation, rng);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const { loss, correct } = trainStep(model, optimizer, () => inputTensor(batch.x, size, split.shape, c.plan, c.normalization, 255), labels, lr, rng);
    const [nextLoss, nextCorrect] = tf.tidy(() => [tf.add(lossSum, tf.mul(loss, size)), tf.add(correctSum, correct)]);
    tf.dispose([lossSum, correctSum, loss, correct, labels]);
    lossSum = nextLoss as tf.Scalar;
    correctSum = nextCorrect as tf.Scalar;
    seen += size;
    if ((step + 1) % c.syncEvery === 0 || step === steps - 1) {
      // One read-back per window: the device runs ahead between them.
      const [loss, right] = [(await lossSum.data())[0], (await correctSum.data())[0]];
      // wasm computes synchronously: give the event loop a turn so Ctrl-C and output are not starved.
      await new Promise((resolve) => setImmediate(resolve));
      const from = Math.floor(reported.seen / c.batch + 1);
      const diverged = lossDivergence(loss / seen, c.data.classNames.length, `in epoch ${epoch + 1} (steps ${from}–${step + 1} of ${steps}, lr ${+lr.toPrecision(4)})`, lr, keptCheckpoint(c.runDir, epoch, c.resume !== undefined));
      if (diverged) {
        tf.dispose([lossSum, correctSum]);
        throw diverged;
      }
      reported = { loss, correct: right, seen };
      const elapsed = (performance.now() - started) / 1000;
      c.progress.step({ epoch: epoch + 1, epochs: c.epochs, done: seen, total: split.count, loss: loss / seen, accuracy: right / seen, imagesPerSec: seen / Math.max(elapsed, 1e-9) });
    }
  }
  tf.dispose([lossSum, correctSum]);
  const seconds = (performance.now() - started) / 1000;
  return { epoch: epoch + 1, trainLoss: reported.loss / seen, trainAccuracy: reported.correct / seen, lr, seconds, imagesPerSec: seen / seconds };
}
