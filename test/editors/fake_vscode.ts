// A stand-in for the `vscode` module, so the bundled extension loads and runs in plain Node: the few APIs the
// extension reads are real fakes driven by `state`; everything else (what vscode-languageclient touches while
// it starts a client) is an inert object that can be called, constructed and extended.
import Module from 'node:module';

export interface FakeState {
  config: Record<string, unknown>;
  folders: string[];
  errors: string[];
  logs: string[];
  commands: Map<string, (...args: unknown[]) => unknown>;
}

export const state: FakeState = { config: {}, folders: [], errors: [], logs: [], commands: new Map() };

export function resetState(): void {
  state.config = {};
  state.folders = [];
  state.errors = [];
  state.logs = [];
  state.commands.clear();
}

/** Any property, call or `new` gives another inert value; it is never a thenable, so awaiting it ends. */
function inert(): unknown {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'dispose') return () => undefined;
      return inert();
    },
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

const disposable = { dispose: () => undefined };

const channel = new Proxy({}, {
  get: (_t, key) => {
    if (key === 'then') return undefined;
    if (typeof key === 'string' && ['info', 'error', 'warn', 'debug', 'trace', 'appendLine', 'append'].includes(key)) return (message: unknown) => state.logs.push(`${key}: ${String(message)}`);
    return inert();
  },
});

const fake = {
  version: '1.91.0',
  workspace: {
    getConfiguration: (section?: string) => ({
      get: (key: string, fallback?: unknown) => state.config[section ? `${section}.${key}` : key] ?? fallback,
      has: (key: string) => `${section}.${key}` in state.config,
      inspect: () => undefined,
      update: async () => undefined,
    }),
    get workspaceFolders() {
      return state.folders.length ? state.folders.map((fsPath, index) => ({ index, name: fsPath, uri: { scheme: 'file', fsPath, toString: () => `file://${fsPath}` } })) : undefined;
    },
    onDidChangeConfiguration: () => disposable,
    createFileSystemWatcher: () => inert(),
  },
  window: {
    showErrorMessage: async (message: string) => {
      state.errors.push(message);
      return undefined;
    },
    createOutputChannel: () => channel,
  },
  commands: {
    registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
      state.commands.set(id, run);
      return disposable;
    },
    executeCommand: async () => undefined,
  },
};

// `__esModule` makes the bundle's __importStar use this object as is instead of copying its (few) own keys.
const vscode = new Proxy(fake as Record<string | symbol, unknown>, {
  get: (target, key) => (key in target ? target[key] : key === '__esModule' ? true : key === 'then' ? undefined : inert()),
});
for (const part of ['workspace', 'window', 'commands'] as const) {
  const real = fake[part] as Record<string | symbol, unknown>;
  (fake as Record<string, unknown>)[part] = new Proxy(real, { get: (target, key) => (key in target ? target[key] : key === 'then' ? undefined : inert()) });
}

/** Makes `require('vscode')` return the fake from now on (the extension host provides it the same way). */
export function installFakeVscode(): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
}
