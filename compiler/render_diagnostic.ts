// Renders a diagnostic for people: `file:line:col: error NETxxxx: message`, the line, a caret, hint, call chain.
import type { Diagnostic } from './diagnostics.js';
import { LineIndex, codePointLength } from './source_text.js';

export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`];
  const text = sources.get(d.file);
  // A diagnostic about the whole file (size, --network) has an empty span at 0: no line to show.
  const fileLevel = d.span.start === 0 && d.span.end === 0;
  if (text !== undefined && !fileLevel) {
    const lineText = new LineIndex(text).lineText(d.line).replace(/\t/g, ' ');
    if (lineText.trim() !== '' || d.line > 1) {
      const gutter = String(d.line).length;
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, codePointLength(lineText) - d.column + 1);
      lines.push(`${' '.repeat(gutter)} |`, `${d.line} | ${lineText}`, `${' '.repeat(gutter)} | ${' '.repeat(d.column - 1)}${'^'.repeat(width)}`);
    }
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) lines.push(`  ${r.message} ${r.file}:${r.line}:${r.column}`);
  return lines.join('\n');
}

export function renderDiagnostics(ds: Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const body = ds.map((d) => renderDiagnostic(d, sources)).join('\n\n');
  return errors > 0 ? `${body}\n\n${errors} error${errors === 1 ? '' : 's'}` : body;
}
