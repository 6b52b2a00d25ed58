// Inlay shapes: each layer line's output shape after its text (the service's inlayHints), as widgets that
// the worker's reply replaces; edits map them along until the next reply.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, WidgetType } from '@codemirror/view';
import type { InlayHint } from '../worker/services.js';

class ShapeWidget extends WidgetType {
  constructor(readonly label: string) { super(); }
  override eq(other: ShapeWidget): boolean { return other.label === this.label; }
  toDOM(): HTMLElement { return Object.assign(document.createElement('span'), { className: 'netc-inlay', textContent: this.label }); }
}

const setHints = StateEffect.define<InlayHint[]>();

const hintField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(hints, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setHints)) continue;
      const length = tr.state.doc.length;
      return Decoration.set(effect.value.filter((h) => h.offset <= length).map((h) => Decoration.widget({ widget: new ShapeWidget(h.label), side: 1 }).range(h.offset)), true);
    }
    return hints.map(tr.changes);
  },
  provide: (field) => EditorView.decorations.from(field),
});

export const inlayShapes: Extension = hintField;

export function showInlayHints(view: EditorView, hints: InlayHint[]): void {
  view.dispatch({ effects: setHints.of(hints) });
}
