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

/** A place in a file: 0-based UTF-16 offsets, end exclusive. */
export interface SourceRange {
  file: string;
  from: number;
  to: number;
}

/** Replace `from..to` of `file` with `newText` (offsets into the file's text before any edit). */
export interface TextEditAt {
  file: string;
  from: number;
  to: number;
  newText: string;
}

export type PrepareRenameResult = { from: number; to: number; placeholder: string } | { error: string };
export type RenameResult = { edits: TextEditAt[] } | { error: string };

export type DocumentSymbolKind = 'network' | 'block' | 'label' | 'parameter' | 'let' | 'import';

/** One entry of a file's outline: `from..to` is the whole thing, `selectionFrom..selectionTo` its name. */
export interface DocumentSymbolInfo {
  name: string;
  kind: DocumentSymbolKind;
  detail?: string;
  from: number;
  to: number;
  selectionFrom: number;
  selectionTo: number;
  children: DocumentSymbolInfo[];
}

export type SemanticTokenType =
  | 'keyword'
  | 'comment'
  | 'number'
  | 'string'
  | 'operator'
  /** A layer call (`conv`): a function of the registry, with `defaultLibrary`. */
  | 'function'
  /** A block: its definition and its calls. */
  | 'class'
  /** A network: its definition, `extends` targets. */
  | 'namespace'
  | 'parameter'
  /** A `let` name, a `repeat` variable. */
  | 'variable'
  /** A statement label, a directive's scope pattern. */
  | 'label'
  /** An argument name of a call (`kernel:`), an `in.` field. */
  | 'property';

export type SemanticTokenModifier = 'declaration' | 'defaultLibrary' | 'readonly';

export interface SemanticTokenInfo {
  from: number;
  to: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

export interface CodeActionInfo {
  title: string;
  kind: 'quickfix';
  /** The diagnostic it fixes (its code, e.g. NET3004). */
  diagnosticCode?: string;
  edits: TextEditAt[];
  preferred?: boolean;
}

export type NodeAtKind =
  | 'layer'
  | 'blockCall'
  | 'label'
  | 'parameter'
  | 'let'
  | 'import'
  | 'network'
  | 'block'
  | 'argument'
  /** `in.channels`'s `channels`. */
  | 'field'
  /** A built-in function of expressions (`max`, `round`). */
  | 'function'
  /** A directive word (`freeze`, `train`, `new`). */
  | 'keyword';

/** What is under an offset, by meaning: `from..to` is the word (or the import's string, quotes included). */
export interface NodeAtInfo {
  kind: NodeAtKind;
  name: string;
  from: number;
  to: number;
  /** The name is defined here (a definition's, parameter's, let's or label's own name). */
  declaration: boolean;
  /** It means something known (false: an unknown block or name, a label template's text). */
  resolved: boolean;
}
