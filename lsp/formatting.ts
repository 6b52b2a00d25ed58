// textDocument/formatting: netc fmt's canonical text (formatSource) as edits of the changed lines only; the
// editor's tab size is ignored, as gofmt ignores it. A file with syntax errors is refused, naming the first one.
import { LSPErrorCodes, ResponseError, type TextEdit } from 'vscode-languageserver';
import { formatSource } from '../compiler/format.js';
import { lineEdits } from './line_edits.js';
import type { OpenDocument } from './session.js';

export function formattingEdits(open: OpenDocument): TextEdit[] {
  const text = open.doc.getText();
  const result = formatSource(text, { file: open.path });
  if (!result.ok) {
    const [first] = result.diagnostics;
    const at = first ? open.doc.positionAt(first.span.start) : undefined;
    const where = at ? `${open.path}:${at.line + 1}:${at.character + 1}: ${first.message}` : open.path;
    const more = result.diagnostics.length > 1 ? ` (and ${result.diagnostics.length - 1} more)` : '';
    throw new ResponseError(LSPErrorCodes.RequestFailed, `netc fmt: not formatted, the file has syntax errors: ${where}${more}`);
  }
  if (!result.changed) return [];
  return lineEdits(text, result.text).map((e) => ({ range: { start: open.doc.positionAt(e.from), end: open.doc.positionAt(e.to) }, newText: e.newText }));
}
