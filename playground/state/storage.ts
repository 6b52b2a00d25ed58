// The page's state in localStorage (the last session, restored when the URL carries none).
export interface PageState {
  text: string;
  /** The example the text came from (a file name in networks/), if any. */
  example?: string;
  /** The network picked in the file (default: the file's last). */
  network?: string;
  /** Settings of the panels (PlaygroundHost.setting), e.g. the training panel's backend and batch size. */
  settings: Record<string, string>;
}

const KEY = 'netc.playground';

export function loadStored(): PageState | undefined {
  try {
    const state = JSON.parse(localStorage.getItem(KEY) ?? 'null') as PageState | null;
    return state && typeof state.text === 'string' ? { ...state, settings: state.settings ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

export function store(state: PageState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Storage full or disabled: the URL hash still carries the state.
  }
}
