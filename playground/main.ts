// The playground's shell: restores the page state (URL hash, else localStorage, else LeNet), then wires the
// editor, the compiler worker, the examples and network menus and the three tabs. Panels see only PlaygroundHost.
import type { Ir } from '../compiler/ir.js';
import { createEditor, revealLine, setText } from './editor/setup.js';
import { showInlayHints } from './editor/inlay.js';
import { showDiagnostics } from './editor/lint.js';
import { DEFAULT_EXAMPLE, examples } from './examples.js';
import { GraphView } from './graph/graph_view.js';
import type { PlaygroundHost } from './host.js';
import { loadStored, store, type PageState } from './state/storage.js';
import { decodeHash, encodeHash } from './state/url_state.js';
import { renderSummary } from './summary/summary_table.js';
import { setupTabs } from './tabs.js';
import { mountTrainingPanel } from './training/panel.js';
import type { CheckReply } from './worker/protocol.js';
import { CompilerClient } from './worker/worker_client.js';

const PATH = 'main.net';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state: PageState = (await decodeHash(location.hash)) ?? loadStored() ?? { text: examples.get(DEFAULT_EXAMPLE) ?? '', example: DEFAULT_EXAMPLE, settings: {} };

// Saving: localStorage at once, the hash a little later (compression is async; replaceState keeps history clean).
let saveTimer: ReturnType<typeof setTimeout> | undefined;
function save(): void {
  store(state);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => history.replaceState(null, '', await encodeHash(state)), 200);
}

let ir: Ir | undefined;
const irListeners: ((ir: Ir | undefined) => void)[] = [];
const host: PlaygroundHost = {
  currentIr: () => ir,
  onIrChange: (listener) => void irListeners.push(listener),
  setting: (key) => state.settings[key],
  setSetting: (key, value) => {
    if (value === undefined) delete state.settings[key];
    else state.settings[key] = value;
    save();
  },
  assetUrl: (path) => new URL(path, document.baseURI).href,
  revealLine: (line, column) => revealLine(view, line, column),
};

const status = $<HTMLElement>('status');
const networkMenu = $<HTMLSelectElement>('network');
const examplesMenu = $<HTMLSelectElement>('examples');

function checked(reply: CheckReply): void {
  showDiagnostics(view, PATH, reply.diagnostics, reply.fixes);
  showInlayHints(view, reply.hints);
  const errors = reply.diagnostics.filter((d) => d.severity === 'error').length;
  status.textContent = errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : `${reply.network ?? 'no network'} · checked in ${reply.ms.toFixed(0)} ms`;
  status.dataset.version = String(reply.version);
  networkMenu.replaceChildren(...reply.networks.map((n) => new Option(n, n, false, n === reply.network)));
  renderSummary($('summary'), reply.summary, reply.ir, (s) => host.revealLine(s.line, s.column));
  ir = reply.ir;
  graph.setIr(ir);
  for (const listener of irListeners) listener(ir);
}

const client = new CompilerClient(PATH, checked, (message) => { status.textContent = message; });
const graph = new GraphView($('graph'), (s) => host.revealLine(s.line, s.column));
const view = createEditor($('editor'), state.text, client, PATH, {
  onChange: (text) => {
    state.text = text;
    save();
    client.schedule(text, state.network);
  },
  onCursorLine: (line) => graph.highlightLine(line),
  onStatus: (message) => { status.textContent = message; },
});

examplesMenu.replaceChildren(new Option('(edited)', ''), ...[...examples.keys()].map((name) => new Option(name.replace(/\.net$/, ''), name)));
examplesMenu.value = state.example && examples.has(state.example) ? state.example : '';
examplesMenu.addEventListener('change', () => {
  const text = examples.get(examplesMenu.value);
  if (text === undefined) return;
  state.network = undefined;
  setText(view, text);
  state.example = examplesMenu.value;
  save();
});
networkMenu.addEventListener('change', () => {
  state.network = networkMenu.value;
  save();
  client.schedule(state.text, state.network, true);
});

setupTabs((tab) => {
  graph.setVisible(tab === 'graph');
  if (state.settings.tab !== tab) host.setSetting('tab', tab);
}, state.settings.tab);
mountTrainingPanel($('training'), host);
client.schedule(state.text, state.network, true);
save();
