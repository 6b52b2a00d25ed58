// The CLI's training run: the loop of training_session.ts (the one a page runs too), plus the files — resume from a
// checkpoint, metrics.jsonl, curves.svg and an atomic checkpoint after every epoch; resumable to the same next loss.
import * as tf from '../tfjs.js';
import type { Model, TorchWeights } from '../model.js';
import type { Augmentation } from '../data/batches.js';
import type { Normalization } from '../input_pipeline.js';
import type { Schedule } from './schedule.js';
import { curvesSvg } from './curves_svg.js';
import { bestEpoch, type BestEpoch } from './best_epoch.js';
import { gradientHeatmapSvg } from './gradients_svg.js';
import type { TraceRecord } from './grad_trace.js';
import { trainingFingerprint } from './training_state.js';
import { DataError } from '../errors.js';
import type { Optimizer, OptimizerConfig } from './optimizer.js';
import { TrainingSession, type EpochMetrics } from './training_session.js';
import { fileTrialStore } from '../platform/trial_store_file.js';
import type { Ir } from '../../compiler/ir.js';
import type { InitScheme } from '../init.js';
import { Rng } from '../rng.js';
import type { Dataset } from '../data/split.js';
import type { InputPlan } from '../data/input_fit.js';
import { irHash } from '../ir_hash.js';
import { readCheckpoint, writeCheckpoint } from '../platform/checkpoint_files.js';
import type { Progress } from './progress.js';
import { toTf, toTorch, tfShape } from '../layout.js';
import { initFrom, type LoadReport } from '../init_from.js';
import { CURVES_FILE, GRADIENTS_FILE, INIT_REPORT_FILE, appendMetrics, readTraces, ensureRunDirectory, keptCheckpoint, reconcileMetrics, writeRunFile } from '../platform/run_directory.js';
import { checkTrainConfig } from './train_preflight.js';
import { checkResumeState } from '../io/checkpoint_validate.js';
import type { DataInfo } from '../data/data_record.js';

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
  /** CrossEntropyLoss's label_smoothing (0 or absent: none). */
  labelSmoothing?: number;
  /** --trace-grad N: gradient and activation records every N steps into metrics.jsonl, and gradients.svg. */
  traceEvery?: number;
}

export type { EpochMetrics };

export interface TrainResult {
  /** What --init-from copied (absent without it, or on resume). */
  initReport?: LoadReport;
  history: EpochMetrics[];
  /** The epoch of the highest evaluation accuracy over the whole run (resumed runs included). */
  best?: BestEpoch;
  /** With --val-split (and a test split in the data): the final weights' accuracy on the test split. */
  finalTestAccuracy?: number;
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
    ...(c.labelSmoothing ? { labelSmoothing: c.labelSmoothing } : {}),
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
  const session = await TrainingSession.create({
    ir: c.ir,
    data: c.data,
    plan: c.plan,
    normalization: c.normalization,
    augmentation: c.augmentation,
    epochs: c.epochs,
    batch: c.batch,
    schedule: c.schedule,
    optimizer: c.optimizer,
    seed: c.seed,
    init: c.init,
    labelSmoothing: c.labelSmoothing,
    traceEvery: c.traceEvery,
    syncEvery: c.syncEvery,
    unfreezeAfter: c.unfreezeAfter,
    adapter: c.adapter,
    trialStore: fileTrialStore(),
    kept: (completedEpochs) => keptCheckpoint(c.runDir, completedEpochs, c.resume !== undefined),
  });
  const { model, optimizer, history } = session;
  let initReport: LoadReport | undefined;
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
      session.rng = new Rng(ckpt.header.rng);
      session.epoch = ckpt.header.epoch;
      history.push(...((ckpt.header.history ?? []) as unknown as EpochMetrics[]));
      c.progress.line(`resuming ${ckpt.header.network} from ${c.resume} after epoch ${session.epoch}`);
      if (history.length === session.epoch) {
        const note = reconcileMetrics(c.runDir, history);
        if (note) c.progress.line(note);
      }
    } else if (c.initFrom) {
      initReport = initFrom(model, c.initFrom.weights, c.initFrom.source);
      c.onInitReport?.(initReport, model);
    }
    c.onPrepared?.(model);
    ensureRunDirectory(c.runDir);
    if (initReport) writeRunFile(c.runDir, INIT_REPORT_FILE, JSON.stringify(initReport, null, 2) + '\n');
    // Trace records wait for their epoch's checkpoint, as epoch lines do; the picture shows every saved epoch's.
    const traces: TraceRecord[] = c.resume ? readTraces<TraceRecord>(c.runDir, session.epoch) : [];
    let pending: TraceRecord[] = [];
    const result = await session.run({
      onNote: (line) => c.progress.line(line),
      onTrace: (record) => void pending.push(record),
      onStep: ({ epoch, epochs, done, total, loss, accuracy, imagesPerSec }) => c.progress.step({ epoch, epochs, done, total, loss, accuracy, imagesPerSec }),
      onEpoch: async (m) => {
        writeCheckpoint(
          c.runDir,
          {
            network: c.ir.network,
            irHash: hash,
            epoch: session.epoch,
            rng: session.rng.state,
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
        for (const record of pending) appendMetrics(c.runDir, { trace: record });
        appendMetrics(c.runDir, m);
        traces.push(...pending);
        pending = [];
        const title = `${c.ir.network} on ${c.data.dir.split('/').pop()}`;
        writeRunFile(c.runDir, CURVES_FILE, curvesSvg(history, title, { evalName: c.data.evalSplit === 'validation' ? 'val' : 'test' }));
        if (c.traceEvery) writeRunFile(c.runDir, GRADIENTS_FILE, gradientHeatmapSvg(traces, `${title}: gradient norms`));
        c.progress.epoch({ ...m, epochs: c.epochs });
      },
    });
    // The test split is looked at once, after the last epoch, when a validation split did the model selection.
    const finalTestAccuracy = c.data.finalTest && !result.stopped ? (await session.evaluateSplit(c.data.finalTest)).accuracy : undefined;
    return { initReport, history, best: bestEpoch(history), finalTestAccuracy, runDir: c.runDir, seconds: result.seconds, imagesPerSec: result.imagesPerSec };
  } finally {
    session.dispose();
  }
}
