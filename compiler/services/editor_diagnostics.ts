// The compiler's diagnostics placed for an editor: offsets for the span, and for each place of the block call chain.
import type { Diagnostic } from '../diagnostics.js';
import { LineMap, wordEnd } from './position.js';
import type { EditorDiagnostic } from './types.js';

/** `textOf` gives a file's text (the open file, or an import), to turn related line:column back into offsets. */
export function editorDiagnostics(diagnostics: Diagnostic[], textOf: (file: string) => string | undefined): EditorDiagnostic[] {
  const maps = new Map<string, LineMap | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) {
      const text = textOf(file);
      maps.set(file, text === undefined ? undefined : new LineMap(text));
    }
    return maps.get(file);
  };
  return diagnostics.map((d) => ({
    file: d.file,
    from: d.span.start,
    to: d.span.end,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    related: (d.related ?? []).map((r) => {
      const map = mapOf(r.file);
      // The compiler keeps a related place's start only; it is a call or a keyword, so its word is the span.
      const from = map ? map.offsetAt(r.line, r.column) : 0;
      return { file: r.file, from, to: map ? wordEnd(map.text, from) : 0, line: r.line, column: r.column, message: r.message };
    }),
  }));
}
