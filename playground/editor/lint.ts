// Diagnostics from the worker as CodeMirror lint marks: underlined at their span, with hint and block call chain.
import { type Diagnostic as CmDiagnostic, setDiagnostics } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { CodeActionInfo, EditorDiagnostic } from '../worker/services.js';

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

/** A quick fix as a lint action. Its edits are offsets into the checked text: applied only while the editor still
 *  holds that text (a later keystroke brings a fresh check with fresh fixes). */
function fixAction(fix: CodeActionInfo, checkedText: string) {
  return {
    name: fix.title,
    apply: (view: EditorView) => {
      if (view.state.doc.toString() !== checkedText) return;
      view.dispatch({ changes: fix.edits.map((e) => ({ from: e.from, to: e.to, insert: e.newText })) });
    },
  };
}

/** Replaces the editor's diagnostics with those of `path` (spans clamped to the current text, never empty);
 *  `fixes[i]` are diagnostic i's quick fixes (the code actions `netc lsp` offers). */
export function showDiagnostics(view: EditorView, path: string, diagnostics: EditorDiagnostic[], fixes: CodeActionInfo[][] = []): void {
  const length = view.state.doc.length;
  const checkedText = view.state.doc.toString();
  const marks: CmDiagnostic[] = diagnostics.flatMap((d, i) => (d.file === path ? [{ d, fixes: fixes[i] ?? [] }] : [])).map(({ d, fixes: own }) => {
    const from = Math.min(Math.max(0, d.from), length);
    const to = Math.min(Math.max(from + (length > from ? 1 : 0), d.to), length);
    return { from, to, severity: d.severity, source: d.code, message: [`${d.code}: ${d.message}`, d.hint && `hint: ${d.hint}`, ...d.related.map((r) => `${r.message} ${r.file}:${r.line}:${r.column}`)].filter(Boolean).join('\n'), renderMessage: renderMessage(d), actions: own.map((fix) => fixAction(fix, checkedText)) };
  });
  view.dispatch(setDiagnostics(view.state, marks));
}
