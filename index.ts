// netc's library API: compile .net source text into checked IR, with diagnostics as data.
export { compile, check, parse, tokenize } from './compiler/compile.js';
export type { CompileOptions, CompileResult, CheckResult, TokenInfo } from './compiler/compile.js';
export type { Diagnostic, RelatedLocation } from './compiler/diagnostics.js';
export { messages as diagnosticMessages } from './compiler/diagnostic_messages.js';
export type { DiagnosticCode } from './compiler/diagnostic_messages.js';
export type { Ir, IrNode, IrParam, IrScope, SourceRef } from './compiler/ir.js';
export { IR_VERSION } from './compiler/ir.js';
export { renderDiagnostic, renderDiagnostics } from './compiler/render_diagnostic.js';
export { summarize } from './compiler/summary.js';
export type { Summary, SummaryRow } from './compiler/summary.js';
export { layerRegistry } from './compiler/ops/registry.js';
export type { Limits } from './compiler/limits.js';
export { defaultLimits } from './compiler/limits.js';
export type { Value } from './compiler/values.js';
export { formatSource } from './compiler/format.js';
export type { FormatResult } from './compiler/format.js';
export { LanguageService, highlightTokens, tokenClassOf, semanticTokenLegend } from './compiler/services/index.js';
