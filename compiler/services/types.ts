// The answers the language services give: plain data, no editor or protocol types (CodeMirror and LSP shells map them).

/** A diagnostic placed for an editor: 0-based UTF-16 offsets into its file's text. */
export interface EditorDiagnostic {
  file: string;
  from: number;
  to: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
  /** The block call chain, innermost first (and other places the message refers to). */
  related: { file: string; from: number; to: number; line: number; column: number; message: string }[];
}

export interface HoverInfo {
  from: number;
  to: number;
  markdown: string;
  /** The output shape (of the first call site when a block runs several times). */
  shape?: number[];
  /** Learnable parameters and multiply-accumulates per example, summed over every call site. */
  params?: number;
  macs?: number;
}

export interface CompletionList {
  /** The text the chosen item replaces (the word being typed; empty at a fresh position). */
  from: number;
  to: number;
  items: CompletionItem[];
}

export interface CompletionItem {
  label: string;
  kind: 'layer' | 'argument' | 'block' | 'network' | 'keyword' | 'parameter' | 'let' | 'field' | 'label';
  detail?: string;
  documentation?: string;
  insertText?: string;
}

/** At the end of a layer line: its output shape, e.g. "[6, 28, 28]". */
export interface InlayHint {
  offset: number;
  label: string;
}

export type TokenClass = 'keyword' | 'layer' | 'name' | 'number' | 'string' | 'comment' | 'operator' | 'punctuation' | 'label' | 'type' | 'invalid';

export interface HighlightToken {
  from: number;
  to: number;
  tokenClass: TokenClass;
}
