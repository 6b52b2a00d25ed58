// The language services the worker asks (contract 1: compiler/services). Until wip-services is merged this
// re-exports the interim check()-based stand-in; afterwards it re-exports compiler/services/index.js.
export { LanguageService, highlightTokens } from './interim_services.js';
export type { CompletionItem, CompletionList, EditorDiagnostic, HoverInfo, TokenClass } from './interim_services.js';
