// Weights in and out: download the trained model as safetensors (PyTorch names + netc metadata, what
// `netc eval --weights` reads), or load a CLI run's model.safetensors / checkpoint.safetensors into the page.
import { element } from './dom.js';

export interface WeightsActions {
  /** The current model's safetensors bytes, or undefined when there is no model yet. */
  exportBytes(): Promise<Uint8Array | undefined>;
  /** Loads `bytes` (from the file `name`) into the page's model; rejects with a one-line reason. */
  importBytes(bytes: Uint8Array, name: string): Promise<void>;
  fileName(): string;
}

export interface WeightsPanel {
  setCanDownload(can: boolean): void;
}

export function mountWeights(root: HTMLElement, actions: WeightsActions): WeightsPanel {
  const download = element('button', { type: 'button', 'data-role': 'download-weights' }, 'Download weights (.safetensors)');
  const input = element('input', { type: 'file', accept: '.safetensors', 'data-role': 'load-weights' });
  const status = element('span', { class: 'netc-status', 'data-role': 'weights-status', 'aria-live': 'polite' });
  root.append(element('div', { class: 'netc-row' }, download, element('label', {}, 'Load a CLI run’s weights ', input)), status);
  download.disabled = true;

  download.addEventListener('click', async () => {
    const bytes = await actions.exportBytes().catch((error: Error) => (status.textContent = `cannot export: ${error.message.split('\n')[0]}`, undefined));
    if (!bytes) return;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
    const link = element('a', { href: url, download: actions.fileName() });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = `${actions.fileName()}: ${(bytes.byteLength / 1024).toFixed(0)} KiB`;
  });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = `loading ${file.name}…`;
    root.dataset.loaded = '';
    try {
      await actions.importBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      status.textContent = `loaded ${file.name}`;
      root.dataset.loaded = file.name;
    } catch (error) {
      status.textContent = `${file.name}: ${String((error as Error).message ?? error).split('\n')[0]}`;
      root.dataset.loaded = 'error';
    } finally {
      input.value = '';
    }
  });
  return { setCanDownload: (can) => (download.disabled = !can) };
}
