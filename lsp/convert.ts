// The services' answers as protocol types: diagnostics, hover, completion, inlay hints, locations and edits.
// Offsets become positions through each file's own text (a location or an edit may land in another file).
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InlayHintKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Hover,
  type InlayHint,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { CompletionItem as ServiceCompletionItem, CompletionList, EditorDiagnostic, HoverInfo, InlayHint as ServiceInlayHint, SourceRange, TextEditAt } from '../compiler/services/index.js';
import { rangeOf, type Positions } from './positions.js';

/** What the converters need to place an offset of any file. */
export interface Placer {
  uriOf(path: string): string;
  positionsOf(path: string): Positions | undefined;
}

const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function location(placer: Placer, r: SourceRange): Location {
  const p = placer.positionsOf(r.file);
  return { uri: placer.uriOf(r.file), range: p ? rangeOf(p, r.from, r.to) : zero };
}

/** `p` is the text of the file the diagnostic sits in; the hint follows the message (editors show one text). */
export function diagnostic(placer: Placer, p: Positions, d: EditorDiagnostic): Diagnostic {
  const related: DiagnosticRelatedInformation[] = d.related.map((r) => ({ location: location(placer, r), message: r.message }));
  return {
    range: rangeOf(p, d.from, d.to),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'netc',
    message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}

export const hover = (p: Positions, h: HoverInfo): Hover => ({ contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(p, h.from, h.to) });

const completionKinds: Record<ServiceCompletionItem['kind'], CompletionItemKind> = {
  layer: CompletionItemKind.Function,
  block: CompletionItemKind.Module,
  network: CompletionItemKind.Class,
  argument: CompletionItemKind.Property,
  parameter: CompletionItemKind.Variable,
  let: CompletionItemKind.Constant,
  field: CompletionItemKind.Field,
  label: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
};

/** Every item replaces the word being typed (list.from..to); layers and blocks insert a snippet of their required arguments. */
export function completionItems(p: Positions, list: CompletionList, snippets: boolean): CompletionItem[] {
  const range = rangeOf(p, list.from, list.to);
  return list.items.map((item, i) => {
    const snippet = snippets && !item.insertText ? callSnippet(item) : undefined;
    return {
      label: item.label,
      kind: completionKinds[item.kind],
      ...(item.detail ? { detail: item.detail } : {}),
      ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
      // The service's order is its ranking (arguments not yet given, then values…); keep it.
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: snippet ?? item.insertText ?? item.label },
      ...(snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    };
  });
}

/**
 * `conv(${1:channels}, kernel: ${2:kernel})$0` from the detail `conv(channels, kernel, stride = 1, …)`: the arguments
 * without a default, the first by position, the others by name (always valid). A layer that needs none inserts its name.
 */
export function callSnippet(item: ServiceCompletionItem): string | undefined {
  if (item.kind !== 'layer' && item.kind !== 'block') return undefined;
  const m = /^([A-Za-z_]\w*)\((.*)\)/.exec(item.detail ?? '');
  if (!m || m[1] !== item.label) return undefined;
  const required = m[2].split(',').map((a) => a.trim()).filter((a) => /^[A-Za-z_]\w*$/.test(a));
  if (required.length === 0) return item.kind === 'block' ? `${item.label}()` : undefined;
  const args = required.map((name, i) => (i === 0 || item.kind === 'block' ? `\${${i + 1}:${name}}` : `${name}: \${${i + 1}:${name}}`));
  return `${item.label}(${args.join(', ')})$0`;
}

/** Hints inside `range` (the part of the file the editor shows), the shape after the line's last call. */
export function inlayHints(p: Positions, hints: ServiceInlayHint[], from: number, to: number): InlayHint[] {
  return hints
    .filter((h) => h.offset >= from && h.offset <= to)
    .map((h) => ({ position: p.positionAt(h.offset), label: h.label, kind: InlayHintKind.Type, paddingLeft: true }));
}

/** Edits of several files as one WorkspaceEdit (each file's offsets through its own text). */
export function workspaceEdit(placer: Placer, edits: TextEditAt[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const p = placer.positionsOf(e.file);
    // Half a rename is worse than none: a file that cannot be read refuses the whole edit.
    if (!p) throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot read ${e.file} to edit it`);
    (changes[placer.uriOf(e.file)] ??= []).push({ range: rangeOf(p, e.from, e.to), newText: e.newText });
  }
  return { changes };
}
