// One training session at a time for the panel: builds the runtime's TrainingSession from the checked IR, the
// page's dataset and the run settings, runs it with live progress, and keeps its model for weights and predict.
import { TrainingSession, defaultOptimizerConfig, tf, type Dataset, type Evaluation, type Prediction, type StepProgress } from '../../runtime/browser.js';
import type { Ir } from '../../compiler/ir.js';
import type { PlaygroundHost } from '../host.js';
import type { BackendPicker } from './backend_picker.js';
import { renderConfusion } from './confusion.js';
import type { Controls, RunSettings } from './controls.js';
import type { Curves } from './curves.js';
import { loadFashionMnist } from './data_loader.js';
import { formatSeconds } from './dom.js';
import { trainingHook } from './test_hook.js';
import type { WeightsActions } from './weights.js';

const oneLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0];

export class TrainingRun {
  private ir: Ir | undefined;
  private session: TrainingSession | undefined;
  private sessionIr = '';
  private data: Dataset | undefined;
  private busy = false;
  private modelListeners: ((has: boolean) => void)[] = [];
  private readonly hook = trainingHook();
  private warming: Promise<void> | undefined;
  private warmKey = '';

  constructor(
    private readonly host: PlaygroundHost,
    private readonly picker: BackendPicker,
    private readonly controls: Controls,
    private readonly curves: Curves,
    private readonly view: { live: HTMLElement; evaluation: HTMLElement; notice: HTMLElement },
  ) {
    controls.onTrain(() => void this.train());
    controls.onPause(() => {
      this.session?.pause();
      this.setState('paused');
    });
    controls.onResume(() => {
      this.session?.resume();
      this.setState('running');
    });
    controls.onStop(() => this.session?.stop());
  }

  onModel(listener: (has: boolean) => void): void {
    this.modelListeners.push(listener);
  }

  /** A new IR makes the kept model stale once the network's structure changes (not for an edited comment). */
  setIr(ir: Ir | undefined): void {
    this.ir = ir;
    if (!this.busy && this.session && this.sessionIr !== (ir ? JSON.stringify(ir) : '')) this.dropSession();
  }

  weightsActions(): WeightsActions {
    return {
      exportBytes: async () => this.session?.exportSafetensors(),
      importBytes: async (bytes, name) => {
        if (this.busy) throw new Error('stop the training run first');
        const settings = this.settingsOrThrow();
        this.busy = true;
        try {
          const session = await this.ensureSession(settings, false);
          session.importWeights(bytes, name);
          this.notifyModel(true);
          const evaluation = await session.evaluate('test');
          this.hook.loadedAccuracy = evaluation.accuracy;
          this.showEvaluation(evaluation);
        } finally {
          this.busy = false;
        }
      },
      fileName: () => `${(this.ir?.network ?? 'model').toLowerCase()}.safetensors`,
    };
  }

  classify(pixels: Float32Array): Promise<Prediction[]> {
    if (!this.session) return Promise.reject(new Error('train or load weights first'));
    return this.session.classify(pixels, 3);
  }

  private settingsOrThrow(): RunSettings {
    const settings = this.controls.settings();
    if (typeof settings === 'string') throw new Error(settings);
    if (!this.ir) throw new Error('fix the errors in the file first');
    return settings;
  }

  private async ensureSession(s: RunSettings, fresh: boolean): Promise<TrainingSession> {
    const ir = this.ir!;
    const key = JSON.stringify(ir);
    if (this.session && !fresh && this.sessionIr === key) return this.session;
    this.hook.backend = (await this.picker.ensure()).backend;
    this.data ??= await loadFashionMnist(this.host);
    this.dropSession();
    this.session = await TrainingSession.create(this.sessionConfig(ir, this.data, s));
    this.sessionIr = key;
    return this.session;
  }

  private sessionConfig(ir: Ir, data: Dataset, s: RunSettings) {
    return {
      ir,
      data,
      epochs: s.epochs,
      batch: s.batch,
      optimizer: defaultOptimizerConfig(s.optimizer),
      schedule: { kind: 'constant' as const, lr: s.lr, epochs: s.epochs, stepSize: Math.max(1, Math.floor(s.epochs / 3)), gamma: 0.1 },
      seed: 0,
      syncEvery: s.syncEvery,
    };
  }

  /**
   * Gets Train's first step ready before Train is pressed: starts the backend, loads the data, and runs one step
   * of a throwaway session of this network at the run's batch, so the lowering trials (kept in the page's memory)
   * and the shader compiles (tfjs caches programs by shape) are done. On a software GPU those are the cold start:
   * ~10–40 s, which would otherwise all fall after the press. Train waits for a warm-up in flight.
   */
  prewarm(): void {
    if (this.busy || this.warming || !this.ir) return;
    const settings = this.controls.settings();
    if (typeof settings === 'string') return;
    const ir = this.ir;
    const key = `${JSON.stringify(ir)}|${settings.batch}`;
    if (key === this.warmKey) return;
    const started = performance.now();
    this.warming = (async () => {
      this.say(`getting ${ir.network} ready to train (backend, data, shaders)…`);
      this.hook.backend = (await this.picker.ensure()).backend;
      this.data ??= await loadFashionMnist(this.host);
      const warm = await TrainingSession.create({ ...this.sessionConfig(ir, this.data, settings), epochs: 1, syncEvery: 1 });
      try {
        await warm.run({ onStep: () => warm.stop() });
      } finally {
        warm.dispose();
      }
      this.warmKey = key;
      this.hook.warmMs = performance.now() - started;
      this.hook.warmedFor = `${ir.network}|${settings.batch}`;
      if (!this.busy) this.say(`ready: ${ir.network} on ${this.hook.backend} (warmed up in ${formatSeconds(this.hook.warmMs / 1000)})`);
    })()
      .catch(() => undefined) // what fails here fails again on Train, which reports it
      .finally(() => (this.warming = undefined));
  }

  private dropSession(): void {
    this.session?.dispose();
    this.session = undefined;
    this.sessionIr = '';
    this.notifyModel(false);
  }

  private notifyModel(has: boolean): void {
    for (const listener of this.modelListeners) listener(has);
  }

  private setState(state: Parameters<Controls['setState']>[0]): void {
    this.controls.setState(state);
    this.hook.state = state;
  }

  private async train(): Promise<void> {
    const pressed = performance.now();
    let settings: RunSettings;
    try {
      settings = this.settingsOrThrow();
    } catch (error) {
      this.hook.error = oneLine(error);
      this.say(this.hook.error, true);
      return;
    }
    if (this.warming) {
      this.say(`finishing the warm-up of ${this.ir!.network}…`);
      await this.warming;
    }
    this.hook.warm = this.warmKey === `${JSON.stringify(this.ir)}|${settings.batch}`;
    this.busy = true;
    this.setState('loading');
    this.say(`preparing ${this.ir!.network}…`);
    Object.assign(this.hook, { steps: [], epochs: [], sessionMs: undefined, firstStepMs: undefined, error: undefined });
    try {
      const session = await this.ensureSession(settings, true);
      this.hook.sessionMs = performance.now() - pressed;
      this.curves.reset(settings.epochs);
      this.setState('running');
      this.say(`training ${this.ir!.network}`);
      await session.run({
        onStep: (p) => this.step(p, settings, pressed),
        onEpoch: (m, evaluation) => {
          this.curves.addEpoch(m.epoch, evaluation.accuracy);
          this.hook.epochs.push({ epoch: m.epoch, testAccuracy: evaluation.accuracy });
          this.showEvaluation(evaluation);
        },
      });
      // A run stopped mid-epoch has no epoch-end evaluation of the model it leaves: evaluate that one.
      if (session.state === 'stopped') this.showEvaluation(await session.evaluate('test'));
      this.notifyModel(true);
      this.setState(session.state === 'stopped' ? 'stopped' : 'done');
      this.say(`${session.state === 'stopped' ? 'stopped' : 'done'}: ${this.hook.steps.length ? `${this.hook.steps.at(-1)!.done} images of epoch ${this.hook.steps.at(-1)!.epoch}` : 'no step'}`);
    } catch (error) {
      this.hook.error = oneLine(error);
      this.say(`training failed: ${this.hook.error}`, true);
      this.setState('idle');
    } finally {
      this.busy = false;
    }
  }

  private step(p: StepProgress, s: RunSettings, pressed: number): void {
    this.hook.firstStepMs ??= performance.now() - pressed;
    this.hook.steps.push({ epoch: p.epoch, done: p.done, total: p.total, loss: p.loss, accuracy: p.accuracy, imagesPerSec: p.imagesPerSec, numTensors: tf.memory().numTensors });
    this.curves.addStep({ x: p.epoch - 1 + p.done / p.total, loss: p.loss, accuracy: p.accuracy });
    const remaining = p.total - p.done + (p.epochs - p.epoch) * p.total;
    const eta = p.imagesPerSec > 0 ? remaining / p.imagesPerSec : NaN;
    this.view.live.textContent = `epoch ${p.epoch}/${p.epochs} · ${p.done}/${p.total} images · loss ${p.loss.toFixed(4)} · acc ${(p.accuracy * 100).toFixed(1)} % · ${p.imagesPerSec.toFixed(0)} img/s · ETA ${formatSeconds(eta)} (batch ${s.batch})`;
    this.view.live.dataset.imagesPerSec = p.imagesPerSec.toFixed(1);
  }

  private showEvaluation(evaluation: Evaluation): void {
    this.hook.testAccuracy = evaluation.accuracy;
    renderConfusion(this.view.evaluation, evaluation.confusion, this.data?.classNames ?? [], evaluation.accuracy);
  }

  private say(text: string, error = false): void {
    this.view.notice.textContent = text;
    this.view.notice.classList.toggle('netc-error', error);
  }
}
