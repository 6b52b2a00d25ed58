// The backend picker: which tfjs backend the page trains on, why, and every one tried. tfjs backends start once
// per page (startBrowserBackend refuses a second request), so choosing another one stores it and reloads.
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
  /** Resolves with the started backend (rejects with a one-line reason). */
  ready: Promise<BackendInfo>;
}

export function mountBackendPicker(root: HTMLElement, host: PlaygroundHost): BackendPicker {
  const request = requestedBackend(host);
  const select = element('select', { 'aria-label': 'backend', 'data-role': 'backend-select' });
  for (const choice of BACKEND_CHOICES) select.append(element('option', { value: choice }, choice));
  select.value = request;
  const status = element('span', { class: 'netc-backend-status', 'data-role': 'backend' }, 'starting…');
  const tried = element('ul', { class: 'netc-backend-tried', 'data-role': 'backend-tried' });
  root.append(element('div', { class: 'netc-row' }, element('label', {}, 'Backend ', select), status), tried);
  select.addEventListener('change', () => {
    host.setSetting(SETTING, select.value === 'auto' ? undefined : select.value);
    location.reload(); // a started tfjs backend cannot be swapped for another in the same page
  });
  const ready = startBrowserBackend(request, { wasmPath: host.assetUrl('wasm/') });
  ready.then(
    (info) => {
      status.textContent = `${info.backend} on ${info.adapter}`;
      status.dataset.backend = info.backend;
      status.title = info.reason;
      tried.replaceChildren(
        element('li', {}, info.reason),
        ...info.tried.map((t) => element('li', { class: t.ok ? 'ok' : 'refused' }, `${t.ok ? '✓' : '✗'} ${t.backend}: ${t.reason}`)),
      );
    },
    (error: Error) => {
      status.textContent = `no backend: ${error.message.split('\n')[0]}`;
      status.classList.add('netc-error');
    },
  );
  return { ready };
}
