// The language services the page uses (contract 1): compiler/services, the same analysis `netc lsp` answers from.
export { LanguageService, highlightTokens } from '../../compiler/services/index.js';
export { formatSource } from '../../compiler/format.js';
export type { CodeActionInfo, CompletionItem, CompletionList, EditorDiagnostic, HoverInfo, InlayHint, SourceRange, TokenClass } from '../../compiler/services/index.js';
