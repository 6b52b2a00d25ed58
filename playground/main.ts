// The playground's shell: the editor, the examples menu and the tabs, wired to the panels (a thin shell,
// like cli/). H4a builds the editor, worker, summary and graph view here.
import { EditorView, basicSetup } from 'codemirror';
import { check } from '../compiler/compile.js';
import type { Ir } from '../compiler/ir.js';
import { mountTrainingPanel } from './training/panel.js';
import type { PlaygroundHost } from './host.js';

const examples = import.meta.glob('../networks/*.net', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const first = examples['../networks/lenet.net'] ?? Object.values(examples)[0] ?? '';

let ir: Ir | undefined;
const listeners: ((ir: Ir | undefined) => void)[] = [];
const host: PlaygroundHost = {
  currentIr: () => ir,
  onIrChange: (listener) => listeners.push(listener),
  setting: (key) => localStorage.getItem(`netc.${key}`) ?? undefined,
  setSetting: (key, value) => (value === undefined ? localStorage.removeItem(`netc.${key}`) : localStorage.setItem(`netc.${key}`, value)),
  assetUrl: (path) => new URL(path, document.baseURI).href,
  revealLine: () => undefined,
};

const view = new EditorView({ doc: first, extensions: [basicSetup], parent: document.getElementById('editor')! });
const result = check(view.state.doc.toString(), { file: 'lenet.net' });
document.getElementById('status')!.textContent = `${result.diagnostics.length} diagnostics`;
mountTrainingPanel(document.getElementById('training')!, host);
for (const l of listeners) l(ir);
