// Train / Pause / Resume / Stop and the run's settings (epochs, batch, learning rate, optimizer, read-back
// interval), kept in the page's settings (URL hash and localStorage) so a shared link trains the same way.
import type { PlaygroundHost } from '../host.js';
import { element } from './dom.js';

export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export interface RunSettings {
  epochs: number;
  batch: number;
  lr: number;
  optimizer: OptimizerKind;
  syncEvery: number;
}

const FIELDS = [
  { key: 'epochs', label: 'Epochs', min: 1, step: '1', fallback: 3 },
  { key: 'batch', label: 'Batch', min: 1, step: '1', fallback: 64 },
  { key: 'lr', label: 'Learning rate', min: 0, step: 'any', fallback: 0.01 },
  { key: 'syncEvery', label: 'Read back every', min: 1, step: '1', fallback: 5 },
] as const;

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'stopped' | 'done';

export interface Controls {
  settings(): RunSettings | string;
  setState(state: RunState): void;
  onTrain(listener: () => void): void;
  onPause(listener: () => void): void;
  onResume(listener: () => void): void;
  onStop(listener: () => void): void;
}

export function mountControls(root: HTMLElement, host: PlaygroundHost): Controls {
  const inputs = new Map<string, HTMLInputElement>();
  const fields = FIELDS.map((f) => {
    const input = element('input', { type: 'number', min: String(f.min), step: f.step, name: f.key, 'data-role': f.key });
    input.value = host.setting(`train.${f.key}`) ?? String(f.fallback);
    input.addEventListener('change', () => host.setSetting(`train.${f.key}`, input.value));
    inputs.set(f.key, input);
    return element('label', {}, `${f.label} `, input);
  });
  const optimizer = element('select', { name: 'optimizer', 'data-role': 'optimizer' });
  for (const kind of ['sgd', 'momentum', 'adam']) optimizer.append(element('option', { value: kind }, kind));
  optimizer.value = host.setting('train.optimizer') ?? 'adam';
  optimizer.addEventListener('change', () => host.setSetting('train.optimizer', optimizer.value));
  const button = (label: string, role: string) => element('button', { type: 'button', 'data-role': role }, label);
  const train = button('Train', 'train');
  const pause = button('Pause', 'pause');
  const resume = button('Resume', 'resume');
  const stop = button('Stop', 'stop');
  root.append(element('div', { class: 'netc-row netc-settings' }, ...fields, element('label', {}, 'Optimizer ', optimizer)), element('div', { class: 'netc-row' }, train, pause, resume, stop));

  const setState = (state: RunState) => {
    root.dataset.state = state;
    const busy = state === 'loading' || state === 'running' || state === 'paused';
    train.disabled = busy;
    pause.disabled = state !== 'running';
    resume.disabled = state !== 'paused';
    stop.disabled = !busy;
    for (const input of [...inputs.values(), optimizer]) input.disabled = busy;
  };
  setState('idle');
  return {
    settings() {
      const read = (key: string) => Number(inputs.get(key)!.value);
      const s = { epochs: read('epochs'), batch: read('batch'), lr: read('lr'), syncEvery: read('syncEvery'), optimizer: optimizer.value as OptimizerKind };
      for (const key of ['epochs', 'batch', 'syncEvery'] as const) if (!Number.isInteger(s[key]) || s[key] < 1) return `${key === 'syncEvery' ? 'read back every' : key} must be a whole number ≥ 1`;
      if (!Number.isFinite(s.lr) || s.lr <= 0) return 'the learning rate must be a number > 0';
      return s;
    },
    setState,
    onTrain: (l) => train.addEventListener('click', l),
    onPause: (l) => pause.addEventListener('click', l),
    onResume: (l) => resume.addEventListener('click', l),
    onStop: (l) => stop.addEventListener('click', l),
  };
}
