// The backend picker: which tfjs backend the page trains on, why, and every one tried. tfjs backends start once
// per page (startBrowserBackend refuses a second request): the choice starts lazily, and changing it after
// one has started stores it and reloads the page.
import { startBrowserBackend } from '../../runtime/browser.js';
import type { PlaygroundHost } from '../host.js';
import { element } from './dom.js';

export type BackendRequest = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export type BackendInfo = Awaited<ReturnType<typeof startBrowserBackend>>;

const SETTING = 'backend';

/** The stored choice (the URL hash / localStorage setting), `auto` when unset or unknown. */
export function requestedBackend(host: PlaygroundHost): BackendRequest {
  const value = host.setting(SETTING);
  return BACKEND_CHOICES.includes(value as BackendRequest) ? (value as BackendRequest) : 'auto';
}

export interface BackendPicker {
  /** Starts the chosen backend once (on Train, a weights load, or picking one) and resolves with it. */
  ensure(): Promise<BackendInfo>;
}

export function mountBackendPicker(root: HTMLElement, host: PlaygroundHost): BackendPicker {
  const select = element('select', { 'aria-label': 'backend', 'data-role': 'backend-select' });
  for (const choice of BACKEND_CHOICES) select.append(element('option', { value: choice }, choice));
  select.value = requestedBackend(host);
  const status = element('span', { class: 'netc-backend-status', 'data-role': 'backend' }, 'starts when you train (or pick one)');
  const tried = element('ul', { class: 'netc-backend-tried', 'data-role': 'backend-tried' });
  root.append(element('div', { class: 'netc-row' }, element('label', {}, 'Backend ', select), status), tried);
  let ready: Promise<BackendInfo> | undefined;
  const ensure = () =>
    (ready ??= (async () => {
      status.textContent = `starting ${select.value}… (known-answer tests)`;
      try {
        const info = await startBrowserBackend(select.value as BackendRequest, { wasmPath: host.assetUrl('wasm/') });
        status.textContent = `${info.backend} on ${info.adapter}`;
        status.dataset.backend = info.backend;
        status.title = info.reason;
        tried.replaceChildren(
          element('li', {}, info.reason),
          ...info.tried.map((t) => element('li', { class: t.ok ? 'ok' : 'refused' }, `${t.ok ? '✓' : '✗'} ${t.backend}: ${t.reason}`)),
        );
        return info;
      } catch (error) {
        status.textContent = `no backend: ${String((error as Error).message ?? error).split('\n')[0]}`;
        status.classList.add('netc-error');
        ready = undefined; // a named backend that failed may be retried with another choice
        throw error;
      }
    })());
  select.addEventListener('change', () => {
    host.setSetting(SETTING, select.value === 'auto' ? undefined : select.value);
    // tfjs backends start once per page: before one has started the choice just starts; after, the page reloads.
    if (status.dataset.backend) location.reload();
    else void ensure().catch(() => undefined);
  });
  return { ensure };
}
