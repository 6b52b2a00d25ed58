// The messages between the page and its compiler worker: plain data (structured clone), one request per kind.
import type { Ir } from '../../compiler/ir.js';
import type { Summary } from '../../compiler/summary.js';
import type { CodeActionInfo, CompletionList, EditorDiagnostic, HoverInfo, InlayHint, SourceRange } from './services.js';

/** What the worker knows after a (debounced) edit: everything the panels show, for one file version. */
export interface CheckReply {
  version: number;
  diagnostics: EditorDiagnostic[];
  /** The quick fixes of each diagnostic (same index), as `netc lsp` offers them: edits into the checked text. */
  fixes: CodeActionInfo[][];
  /** Output shapes at the end of layer lines (for the version checked, as the diagnostics are). */
  hints: InlayHint[];
  networks: string[];
  /** The network shown: the requested one if the file defines it, else the file's first (as `netc summary` picks). */
  network?: string;
  ir?: Ir;
  summary?: Summary;
  /** Worker-side time of the check, ms. */
  ms: number;
}

/** Hover and completion carry the text too: they may come before the debounced check has seen the last keystroke. */
export type WorkerRequest =
  | { id: number; kind: 'check'; version: number; path: string; text: string; network?: string }
  | { id: number; kind: 'hover'; path: string; text: string; offset: number }
  | { id: number; kind: 'completions'; path: string; text: string; offset: number }
  | { id: number; kind: 'definition'; path: string; text: string; offset: number }
  | { id: number; kind: 'format'; path: string; text: string };

/** `netc fmt`'s answer: the formatted text, or why not (the file has syntax errors). */
export type FormatReply = { ok: true; text: string } | { ok: false; message: string };

export type WorkerReply =
  | { id: number; kind: 'check'; result: CheckReply }
  | { id: number; kind: 'hover'; result: HoverInfo | undefined }
  | { id: number; kind: 'completions'; result: CompletionList }
  | { id: number; kind: 'definition'; result: SourceRange[] }
  | { id: number; kind: 'format'; result: FormatReply }
  | { id: number; kind: 'error'; message: string };
