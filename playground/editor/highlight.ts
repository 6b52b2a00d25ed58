// Highlighting from the grammar's own lexer (highlightTokens): one mark per token, class `tok-<class>`,
// recomputed on each edit (files are small; the lexer runs in well under a millisecond per kB).
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, type DecorationSet, type EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { highlightTokens, type TokenClass } from '../worker/services.js';

const marks = new Map<TokenClass, Decoration>();
const markOf = (c: TokenClass) => marks.get(c) ?? marks.set(c, Decoration.mark({ class: `tok-${c}` })).get(c)!;

function decorate(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const t of highlightTokens(view.state.doc.toString())) if (t.to > t.from) builder.add(t.from, t.to, markOf(t.tokenClass));
  return builder.finish();
}

export const netHighlight = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) { this.decorations = decorate(view); }
    update(update: ViewUpdate) { if (update.docChanged) this.decorations = decorate(update.view); }
  },
  { decorations: (plugin) => plugin.decorations },
);
