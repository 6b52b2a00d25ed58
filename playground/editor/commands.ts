// Editor commands answered by the worker's language services: format (Shift-Alt-F, `netc fmt`'s layout) and go
// to definition (F12), the keys VS Code uses for them.
import { EditorSelection, Prec } from '@codemirror/state';
import { type EditorView, keymap } from '@codemirror/view';
import type { CompilerClient } from '../worker/worker_client.js';

/** Replaces only the span that differs, so the cursor and scroll position outside it stay where they were. */
function replaceChanged(view: EditorView, text: string): void {
  const old = view.state.doc.toString();
  if (old === text) return;
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  view.dispatch({ changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) } });
}

async function formatDocument(view: EditorView, client: CompilerClient, say: (message: string) => void): Promise<void> {
  const before = view.state.doc.toString();
  const reply = await client.format(before).catch((error: Error) => ({ ok: false as const, message: error.message }));
  if (!reply.ok) return say(reply.message);
  // A keystroke during the round trip wins: formatting an older text would undo it.
  if (view.state.doc.toString() === before) replaceChanged(view, reply.text);
}

async function goToDefinition(view: EditorView, client: CompilerClient, path: string, say: (message: string) => void): Promise<void> {
  const before = view.state.doc.toString();
  const targets = await client.definition(before, view.state.selection.main.head).catch(() => []);
  const here = targets.find((r) => r.file === path);
  if (!here) return say(targets.length > 0 ? `defined in ${targets[0].file}` : 'no definition here');
  if (view.state.doc.toString() !== before) return;
  view.dispatch({ selection: EditorSelection.range(here.from, here.to), scrollIntoView: true });
}

export function netCommands(client: CompilerClient, path: string, say: (message: string) => void) {
  return Prec.high(keymap.of([
    { key: 'Shift-Alt-f', run: (view) => (void formatDocument(view, client, say), true) },
    { key: 'F12', run: (view) => (void goToDefinition(view, client, path, say), true) },
  ]));
}
