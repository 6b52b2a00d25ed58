// What the page's shell gives its panels (the training panel, the graph view): the current checked IR and
// the settings that live in the URL hash and localStorage. Panels see this interface, not the shell.
import type { Ir } from '../compiler/ir.js';

export interface PlaygroundHost {
  /** The selected network's checked IR, or undefined while the file has errors. */
  currentIr(): Ir | undefined;
  /** Called whenever the checked IR changes (after each debounced re-check). */
  onIrChange(listener: (ir: Ir | undefined) => void): void;
  /** Settings kept in the URL hash (a shareable link) and in localStorage. */
  setting(key: string): string | undefined;
  setSetting(key: string, value: string | undefined): void;
  /** A URL of a file shipped with the page (data/, wasm/), relative to the page. */
  assetUrl(path: string): string;
  /** Selects a source line in the editor (1-based), e.g. when a graph node or a layer row is clicked. */
  revealLine(line: number, column?: number): void;
}
