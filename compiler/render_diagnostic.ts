// Renders a diagnostic for people: `file:line:col: error NETxxxx: message`, the line, a caret, hint, call chain.
import type { Diagnostic } from './diagnostics.js';
import { LineIndex } from './source_text.js';

/** Longest source line shown, in code points: a longer one is cut to a window around the caret. */
const maxShown = 160;

/** The part of a line to show, and the caret's place in it (both in code points). */
function window(line: string, column: number, width: number): { text: string; column: number; width: number } {
  const chars = Array.from(line);
  if (chars.length <= maxShown) return { text: line, column, width };
  const start = Math.max(0, Math.min(column - 1 - maxShown / 2, chars.length - maxShown));
  const end = Math.min(chars.length, start + maxShown);
  const head = start > 0 ? '…' : '';
  const text = head + chars.slice(start, end).join('') + (end < chars.length ? '…' : '');
  const shifted = column - start + head.length;
  return { text, column: shifted, width: Math.max(1, Math.min(width, end - (column - 1))) };
}

export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>, indexes = new Map<string, LineIndex>()): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`];
  const text = sources.get(d.file);
  // A diagnostic about the whole file (size, --network) has an empty span at 0: no line to show.
  const fileLevel = d.span.start === 0 && d.span.end === 0;
  if (text !== undefined && !fileLevel) {
    let index = indexes.get(d.file);
    if (!index || index.text !== text) indexes.set(d.file, (index = new LineIndex(text)));
    const lineText = index.lineText(d.line).replace(/\t/g, ' ');
    if (lineText.trim() !== '' || d.line > 1) {
      const gutter = String(d.line).length;
      const length = Array.from(lineText).length;
      const span = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, length - d.column + 1);
      const shown = window(lineText, d.column, span);
      lines.push(`${' '.repeat(gutter)} |`, `${d.line} | ${shown.text}`, `${' '.repeat(gutter)} | ${' '.repeat(shown.column - 1)}${'^'.repeat(shown.width)}`);
    }
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) lines.push(`  ${r.message} ${r.file}:${r.line}:${r.column}`);
  return lines.join('\n');
}

export function renderDiagnostics(ds: Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const indexes = new Map<string, LineIndex>();
  const body = ds.map((d) => renderDiagnostic(d, sources, indexes)).join('\n\n');
  return errors > 0 ? `${body}\n\n${errors} error${errors === 1 ? '' : 's'}` : body;
}
