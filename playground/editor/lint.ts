// Diagnostics from the worker as CodeMirror lint marks: underlined at their span, with hint and block call chain.
import { type Diagnostic as CmDiagnostic, setDiagnostics } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { EditorDiagnostic } from '../worker/services.js';

function renderMessage(d: EditorDiagnostic): () => Node {
  return () => {
    const box = document.createElement('div');
    box.className = 'netc-diagnostic';
    const head = box.appendChild(document.createElement('div'));
    head.textContent = `${d.code}: ${d.message}`;
    if (d.hint) box.appendChild(Object.assign(document.createElement('div'), { className: 'netc-hint', textContent: `hint: ${d.hint}` }));
    for (const r of d.related) box.appendChild(Object.assign(document.createElement('div'), { className: 'netc-related', textContent: `${r.message} ${r.file}:${r.line}:${r.column}` }));
    return box;
  };
}

/** Replaces the editor's diagnostics with those of `path` (spans clamped to the current text, never empty). */
export function showDiagnostics(view: EditorView, path: string, diagnostics: EditorDiagnostic[]): void {
  const length = view.state.doc.length;
  const marks: CmDiagnostic[] = diagnostics.filter((d) => d.file === path).map((d) => {
    const from = Math.min(Math.max(0, d.from), length);
    const to = Math.min(Math.max(from + (length > from ? 1 : 0), d.to), length);
    return { from, to, severity: d.severity, source: d.code, message: [`${d.code}: ${d.message}`, d.hint && `hint: ${d.hint}`, ...d.related.map((r) => `${r.message} ${r.file}:${r.line}:${r.column}`)].filter(Boolean).join('\n'), renderMessage: renderMessage(d) };
  });
  view.dispatch(setDiagnostics(view.state, marks));
}
