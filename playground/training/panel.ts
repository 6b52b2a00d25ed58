// The training panel (backends, curves, confusion matrix, weights in and out): built in playground/training/.
import type { PlaygroundHost } from '../host.js';

export function mountTrainingPanel(root: HTMLElement, host: PlaygroundHost): void {
  root.textContent = host.currentIr() ? 'Training panel: not built yet.' : 'Fix the errors to train.';
}
