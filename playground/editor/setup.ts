// The CodeMirror 6 editor of the .net file: highlighting, lint marks, hover and completion, wired to the worker.
import { lintGutter } from '@codemirror/lint';
import { EditorSelection } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';
import type { CompilerClient } from '../worker/worker_client.js';
import { netCommands } from './commands.js';
import { netCompletion } from './completion.js';
import { netHighlight } from './highlight.js';
import { netHover } from './hover.js';
import { inlayShapes } from './inlay.js';

export interface EditorEvents {
  /** The text changed (every keystroke; the worker debounces). */
  onChange(text: string): void;
  /** The cursor moved to another line (1-based). */
  onCursorLine(line: number): void;
  /** A one-line message for the status bar (a refused format, no definition here). */
  onStatus(message: string): void;
}

export function createEditor(parent: HTMLElement, doc: string, client: CompilerClient, path: string, events: EditorEvents): EditorView {
  let cursorLine = 0;
  return new EditorView({
    doc,
    parent,
    extensions: [
      basicSetup,
      netHighlight,
      lintGutter(),
      inlayShapes,
      netHover(client),
      netCompletion(client),
      netCommands(client, path, (message) => events.onStatus(message)),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) events.onChange(update.state.doc.toString());
        const line = update.state.doc.lineAt(update.state.selection.main.head).number;
        if (line !== cursorLine) {
          cursorLine = line;
          events.onCursorLine(line);
        }
      }),
    ],
  });
}

/** Replaces the whole text (an example picked, a link opened). */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0) });
}

/** Selects line `line` (1-based) from `column` (1-based) to its end, scrolls it into view and focuses the editor.
 *  The head sits at the column, so a long line scrolls to where the layer is written, not to its end. */
export function revealLine(view: EditorView, line: number, column = 1): void {
  const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  const from = Math.min(target.from + Math.max(0, column - 1), target.to);
  view.dispatch({ selection: EditorSelection.range(target.to, from), scrollIntoView: true });
  view.focus();
}
