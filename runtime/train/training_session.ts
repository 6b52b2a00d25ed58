// THE training loop, environment-neutral: epochs of optimizer steps over shuffled batches, loss and accuracy read
// back once per sync window, divergence checks, per-epoch evaluation, and pause/resume/stop between steps.
// The CLI's `train` (trainer.ts) runs on it and adds files (resume, checkpoints, metrics.jsonl, curves.svg);
// a page runs it as is and downloads exportSafetensors()'s bytes, which `netc eval --weights` reads.
import * as tf from '../tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model, type TorchWeights } from '../model.js';
import type { InitScheme } from '../init.js';
import { Rng } from '../rng.js';
import type { Dataset, Split } from '../data/split.js';
import { type Augmentation, epochOrder, makeBatch } from '../data/batches.js';
import { planInput, type InputPlan } from '../data/input_fit.js';
import type { DataInfo } from '../data/data_record.js';
import { DataError } from '../errors.js';
import { inputTensor, type Normalization } from '../input_pipeline.js';
import { evaluate, type Evaluation } from '../evaluate_model.js';
import { classify, type Prediction } from '../predict.js';
import { irHash } from '../ir_hash.js';
import { trainStep } from './train_step.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { learningRate, type Schedule } from './schedule.js';
import type { EpochPoint } from './curves_svg.js';
import type { StepProgress } from './progress.js';
import { checkStateFinite, lossDivergence } from './weights_health.js';
import { parameterMultipliers, trainingStateAt } from './training_state.js';
import { encodeModelFile, netcHeader, type CheckpointHeader } from '../io/checkpoint_format.js';
import { decodeSafetensors } from '../io/safetensors.js';
import { fromStateDict } from '../weight_import.js';
import type { TrialStore } from '../trial_store.js';
import { yieldToEventLoop } from './yield.js';
import { StepTrace, traceRecord, tracedLayers, tracedStep, type TracedLayer, type TraceRecord } from './grad_trace.js';

export interface SessionConfig {
  ir: Ir;
  data: Dataset;
  epochs: number;
  batch: number;
  optimizer: OptimizerConfig;
  schedule: Schedule;
  seed: number;
  /** How images reach the network's input (default: planInput with no resize). */
  plan?: InputPlan;
  normalization?: Normalization;
  augmentation?: Augmentation;
  /** Initialization: PyTorch's defaults, or D2L's xavier-uniform (init_cnn). */
  init?: InitScheme;
  /** Read loss and accuracy back every this many steps (each read-back waits for the device). */
  syncEvery: number;
  /** Frozen layers train too from this many completed epochs on (fastai's schedule). */
  unfreezeAfter?: number;
  /** Names the adapter in the lowering-trial store (default: the backend's name). */
  adapter?: string;
  /** Where measured lowerings are kept (default: trial_store.ts's; Node's entry makes that the disk cache). */
  trialStore?: TrialStore;
  /** What a divergence message says survives, given the epochs completed (the CLI names its checkpoint). */
  kept?: (completedEpochs: number) => string;
  /** The --resize the plan was made with (recorded in exported weights for `netc eval`). */
  resize?: number;
  /** CrossEntropyLoss's label_smoothing (0: none). */
  labelSmoothing?: number;
  /** --trace-grad N: trace run step 1 and every N-th (absent: no tracing, and no cost). */
  traceEvery?: number;
}

export interface EpochMetrics extends EpochPoint {
  lr: number;
  seconds: number;
  imagesPerSec: number;
}

/** A sync window's progress: StepProgress, plus the step within the epoch. */
export interface SessionStep extends StepProgress {
  step: number;
  steps: number;
}

export interface SessionEvents {
  /** After each sync window's read-back. */
  onStep?(p: SessionStep): void;
  /** After each completed epoch (its evaluation done); run() waits for it (the CLI writes its checkpoint here). */
  onEpoch?(m: EpochMetrics, evaluation: Evaluation): void | Promise<void>;
  /** Lines for people (e.g. unfreezing). */
  onNote?(line: string): void;
  /** After each traced step (--trace-grad). */
  onTrace?(record: TraceRecord): void;
}

export interface SessionResult {
  history: EpochMetrics[];
  seconds: number;
  imagesPerSec: number;
  /** True when stop() ended the run before its last epoch. */
  stopped: boolean;
}

export type SessionState = 'idle' | 'running' | 'paused' | 'stopped' | 'done';

/** Steps in an epoch of `count` images: a final batch of one example is dropped (batch statistics need two values
 * per channel; PyTorch refuses them). */
export function stepsPerEpoch(count: number, batch: number): number {
  return count % batch === 1 && count > 1 ? Math.floor(count / batch) : Math.ceil(count / batch);
}

const noCheckpoint = () => 'no checkpoint was written yet (one is written after each epoch)';

export class TrainingSession {
  readonly model: Model;
  readonly optimizer: Optimizer;
  readonly plan: InputPlan;
  /** The data order's generator (its state is what a checkpoint stores to resume the same run). */
  rng: Rng;
  /** Epochs completed (a resumed run sets it). */
  epoch = 0;
  readonly history: EpochMetrics[] = [];
  private current: SessionState = 'idle';
  private stopRequested = false;
  private wake: (() => void) | undefined;
  private traced: TracedLayer[] | undefined;

  private constructor(readonly config: SessionConfig) {
    const c = config;
    this.plan = c.plan ?? planInput(c.ir.network, c.ir.input, c.data.train.shape, c.resize);
    this.model = Model.create(c.ir, new Rng(c.seed), c.init);
    const multipliers = parameterMultipliers(c.ir);
    this.optimizer = new Optimizer(c.optimizer, this.model.learnableVariables, { lrMult: multipliers.map((m) => m.lrMult), decayMult: multipliers.map((m) => m.decayMult) });
    this.rng = new Rng(c.seed + 1);
  }

  /** Builds the model and optimizer and chooses the lowerings (measuring where rules cannot decide). */
  static async create(config: SessionConfig): Promise<TrainingSession> {
    const session = new TrainingSession(config);
    try {
      await session.model.prepare(config.adapter ?? tf.getBackend(), config.batch, config.trialStore);
    } catch (error) {
      session.dispose();
      throw error;
    }
    return session;
  }

  get state(): SessionState {
    return this.current;
  }

  /** Takes effect before the next step. */
  pause(): void {
    if (this.current === 'running') this.current = 'paused';
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.current = 'running';
    this.wake?.();
  }

  /** run() ends after the current step (a partial epoch is neither evaluated nor reported). */
  stop(): void {
    this.stopRequested = true;
    if (this.current === 'idle') this.current = 'stopped';
    this.wake?.();
  }

  /** Trains from `epoch` to the configured epochs (or until stop()); once per session. */
  async run(events: SessionEvents = {}): Promise<SessionResult> {
    if (this.current !== 'idle') throw new Error(`TrainingSession.run: the session is ${this.current}; run it once`);
    this.current = 'running';
    const c = this.config;
    const started = performance.now();
    let imagesSeen = 0;
    let frozenCount = -1;
    try {
      while (this.epoch < c.epochs && !this.stopRequested) {
        const epoch = this.epoch;
        const state = trainingStateAt(c.ir, epoch, c.unfreezeAfter);
        this.model.setTrainingState(state);
        if (frozenCount > 0 && state.frozen.size === 0) events.onNote?.(`epoch ${epoch + 1}: unfreezing every layer (--unfreeze-after ${c.unfreezeAfter})`);
        frozenCount = state.frozen.size;
        if (this.model.trainableVariables.length === 0) throw new DataError(`every parameter of ${c.ir.network} is frozen in epoch ${epoch + 1}: nothing would train (unfreeze a scope, or use --unfreeze-after)`);
        const metrics = await this.trainEpoch(epoch, events);
        if (!metrics) break; // stopped within the epoch
        await checkStateFinite(this.model, this.optimizer, epoch + 1, metrics.lr, (c.kept ?? noCheckpoint)(epoch));
        imagesSeen += c.data.train.count;
        const evaluation = await this.evaluate('test');
        const m: EpochMetrics = { ...metrics, testAccuracy: evaluation.accuracy };
        this.history.push(m);
        this.epoch = epoch + 1;
        await events.onEpoch?.(m, evaluation);
      }
      const seconds = (performance.now() - started) / 1000;
      return { history: this.history, seconds, imagesPerSec: imagesSeen / Math.max(seconds, 1e-9), stopped: this.epoch < c.epochs };
    } finally {
      this.current = this.epoch >= c.epochs ? 'done' : 'stopped'; // stopped, or failed
      this.wake = undefined;
    }
  }

  /** Waits while paused; false when stop() was called. */
  private async proceed(): Promise<boolean> {
    while (this.current === 'paused' && !this.stopRequested) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return !this.stopRequested;
  }

  /** One epoch's steps; undefined when stop() ended it early. */
  private async trainEpoch(epoch: number, events: SessionEvents): Promise<Omit<EpochMetrics, 'testAccuracy'> | undefined> {
    const c = this.config;
    const { model, optimizer, rng } = this;
    const split = c.data.train;
    const order = epochOrder(split.count, rng, true);
    const steps = stepsPerEpoch(split.count, c.batch);
    // Per-epoch schedules give every step the same rate; onecycle's changes each step (the epoch reports its last).
    let lr = learningRate(c.schedule, epoch, 0, steps);
    let lossSum = tf.scalar(0);
    let correctSum = tf.scalar(0);
    let seen = 0;
    let reported = { loss: 0, correct: 0, seen: 0 };
    const started = performance.now();
    try {
      for (let step = 0; step < steps; step++) {
        if (!(await this.proceed())) return undefined;
        lr = learningRate(c.schedule, epoch, step, steps);
        const size = Math.min(c.batch, split.count - step * c.batch);
        const batch = makeBatch(split, order, step * c.batch, size, c.augmentation, rng);
        const labels = tf.tensor1d(batch.labels, 'int32');
        const runStep = epoch * steps + step + 1;
        const trace = tracedStep(runStep, c.traceEvery) ? new StepTrace((this.traced ??= tracedLayers(c.ir, model))) : undefined;
        const { loss, correct, trace: statistics } = trainStep(model, optimizer, () => inputTensor(batch.x, size, split.shape, this.plan, c.normalization, 255), labels, lr, rng, c.labelSmoothing ?? 0, trace);
        if (statistics) {
          const values = (await statistics.data()) as Float32Array;
          statistics.dispose();
          events.onTrace?.(traceRecord(trace!.layers, values, runStep, epoch + 1));
        }
        const [nextLoss, nextCorrect] = tf.tidy(() => [tf.add(lossSum, tf.mul(loss, size)), tf.add(correctSum, correct)]);
        tf.dispose([lossSum, correctSum, loss, correct, labels]);
        lossSum = nextLoss as tf.Scalar;
        correctSum = nextCorrect as tf.Scalar;
        seen += size;
        if ((step + 1) % c.syncEvery === 0 || step === steps - 1) {
          // One read-back per window: the device runs ahead between them.
          const [sum, right] = [(await lossSum.data())[0], (await correctSum.data())[0]];
          await yieldToEventLoop();
          const from = Math.floor(reported.seen / c.batch + 1);
          const diverged = lossDivergence(sum / seen, c.data.classNames.length, `in epoch ${epoch + 1} (steps ${from}–${step + 1} of ${steps}, lr ${+lr.toPrecision(4)})`, lr, (c.kept ?? noCheckpoint)(epoch));
          if (diverged) throw diverged;
          reported = { loss: sum, correct: right, seen };
          const elapsed = (performance.now() - started) / 1000;
          events.onStep?.({ epoch: epoch + 1, epochs: c.epochs, done: seen, total: split.count, loss: sum / seen, accuracy: right / seen, imagesPerSec: seen / Math.max(elapsed, 1e-9), step: step + 1, steps });
        }
      }
    } finally {
      tf.dispose([lossSum, correctSum]);
    }
    const seconds = (performance.now() - started) / 1000;
    return { epoch: epoch + 1, trainLoss: reported.loss / seen, trainAccuracy: reported.correct / seen, lr, seconds, imagesPerSec: seen / seconds };
  }

  /** Eval-mode accuracy and confusion matrix on the test split (or the training split). */
  evaluate(split: 'test' | 'train' = 'test'): Promise<Evaluation> {
    const c = this.config;
    const data: Split = split === 'test' ? c.data.test : c.data.train;
    return this.evaluateSplit(data);
  }

  /** Eval-mode accuracy on any split of the session's data (e.g. the test split set aside by --val-split). */
  evaluateSplit(data: Split): Promise<Evaluation> {
    const c = this.config;
    return evaluate(this.model, data, this.plan, Math.max(c.batch, 256), c.normalization);
  }

  /** The top `k` classes of one image (HWC, values in [0, 1], the dataset's image shape). */
  async classify(pixels: Float32Array, k = 3): Promise<Prediction[]> {
    const c = this.config;
    return (await classify(this.model, pixels, 1, c.data.train.shape, this.plan, c.data.classNames, k, c.normalization))[0];
  }

  /** What `netc eval --weights` needs to evaluate these weights as this session does (data.json's content). */
  dataInfo(): DataInfo {
    const { data, normalization, resize } = this.config;
    return {
      version: 1,
      kind: data.kind,
      dir: data.dir,
      classNames: data.classNames,
      image: data.train.shape,
      resize: data.kind === 'idx' ? resize ?? null : null,
      normalize: normalization ? 'auto' : 'none',
      normalization: normalization ?? null,
      valSplit: data.valSplit ?? null,
      evalSplit: data.evalSplit,
      counts: { train: data.train.count, eval: data.test.count },
    };
  }

  /** netc's header for these weights (a checkpoint's, without optimizer state). */
  header(): CheckpointHeader {
    const c = this.config;
    return { network: c.ir.network, irHash: irHash(c.ir), epoch: this.epoch, rng: this.rng.state, schedule: c.schedule, batch: c.batch, history: this.history as unknown as Record<string, number>[], data: this.dataInfo() };
  }

  /** A netc model.safetensors: weights and buffers by PyTorch name, with the header `netc eval --weights FILE` reads. */
  async exportSafetensors(): Promise<Uint8Array> {
    return encodeModelFile(this.header(), await this.model.exportWeights());
  }

  /** Loads a CLI run's model.safetensors (or a PyTorch state_dict in safetensors); `source` names it in errors. */
  importWeights(bytes: Uint8Array, source: string): void {
    const file = decodeSafetensors(bytes, source);
    const header = netcHeader(file, source);
    let weights: TorchWeights = file.tensors;
    if (header) {
      const hash = irHash(this.config.ir);
      if (header.irHash !== hash) throw new DataError(`${source}: these weights belong to ${header.network} (structure ${header.irHash}), not to ${this.config.ir.network} (${hash})`);
    } else {
      weights = fromStateDict(file.tensors, file.dtypes, source);
    }
    this.model.importWeights(weights, { source });
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}
