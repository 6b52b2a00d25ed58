// The language services the page uses (contract 1): compiler/services, the same analysis `netc lsp` answers from.
export { LanguageService, highlightTokens } from '../../compiler/services/index.js';
export type { CompletionItem, CompletionList, EditorDiagnostic, HoverInfo, InlayHint, TokenClass } from '../../compiler/services/index.js';
