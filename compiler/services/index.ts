// compiler/services: the language services the playground's editor and `netc lsp` share (pure, no protocol types).
export { LanguageService } from './service.js';
export { highlightTokens, tokenClassOf } from './highlight.js';
export { semanticTokenLegend } from './semantic_tokens.js';
export type {
  EditorDiagnostic,
  HoverInfo,
  CompletionList,
  CompletionItem,
  InlayHint,
  TokenClass,
  HighlightToken,
  SourceRange,
  TextEditAt,
  PrepareRenameResult,
  RenameResult,
  DocumentSymbolInfo,
  DocumentSymbolKind,
  SemanticTokenInfo,
  SemanticTokenType,
  SemanticTokenModifier,
  CodeActionInfo,
  NodeAtInfo,
  NodeAtKind,
} from './types.js';
