// The training panel: backend, run settings and controls, live curves with img/s and ETA, test accuracy and
// the confusion matrix per epoch, weights in and out, and predict. Training is the runtime's TrainingSession
// (the CLI's loop), reached through runtime/browser.ts only.
import type { Ir } from '../../compiler/ir.js';
import type { PlaygroundHost } from '../host.js';
import { mountBackendPicker } from './backend_picker.js';
import { mountControls } from './controls.js';
import { Curves } from './curves.js';
import { element } from './dom.js';
import { mountPredict } from './predict.js';
import { TrainingRun } from './training_run.js';
import { mountWeights } from './weights.js';
import './training.css';

export function mountTrainingPanel(root: HTMLElement, host: PlaygroundHost): void {
  root.classList.add('netc-training');
  const section = (title: string, role: string) => {
    const body = element('div', { 'data-role': role });
    root.append(element('section', { class: 'netc-section' }, element('h3', {}, title), body));
    return body;
  };
  const notice = element('p', { class: 'netc-notice', 'data-role': 'notice', 'aria-live': 'polite' });
  root.append(notice);
  const picker = mountBackendPicker(section('Backend', 'backend-section'), host);
  const controls = mountControls(section('Run', 'controls'), host);
  const live = element('p', { class: 'netc-live', 'data-role': 'live', 'aria-live': 'off' });
  const curvesBox = section('Curves', 'curves');
  const curves = new Curves(3);
  curvesBox.append(live, curves.svg);
  const evaluation = section('Test accuracy', 'evaluation');
  evaluation.textContent = 'after the first epoch';
  const run = new TrainingRun(host, picker, controls, curves, { live, evaluation, notice });
  const weights = mountWeights(section('Weights', 'weights'), run.weightsActions());
  const predict = mountPredict(section('Predict', 'predict'), (pixels) => run.classify(pixels));
  run.onModel((has) => {
    weights.setCanDownload(has);
    predict.setEnabled(has);
  });

  const showIr = (ir: Ir | undefined) => {
    notice.textContent = ir ? `network ${ir.network}` : 'Fix the errors in the file to train.';
    notice.classList.toggle('netc-error', !ir);
    run.setIr(ir);
  };
  host.onIrChange(showIr);
  showIr(host.currentIr());

  // Warm up (run.prewarm) while the tab is shown and the network and settings have been still for a moment, so the
  // first step follows Train at once rather than after the backend's checks, trials and shader compiles.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const warmSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!root.hidden) run.prewarm();
    }, 1500);
  };
  new MutationObserver(warmSoon).observe(root, { attributes: true, attributeFilter: ['hidden'] });
  root.addEventListener('change', warmSoon);
  host.onIrChange(warmSoon);
  warmSoon();
}
