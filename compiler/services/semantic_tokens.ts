// Semantic tokens: every token of a file classed by its resolved meaning — a layer call, a block call, a
// parameter, a let, a label, a network — on top of the lexer's classes for keywords, numbers, strings and
// comments, so a client needs no other highlighter. A file that does not parse gets the lexer's classes alone.
import { highlightTokens } from './highlight.js';
import type { Occurrence } from './occurrences.js';
import type { SemanticTokenInfo, SemanticTokenModifier, SemanticTokenType, TokenClass } from './types.js';

/** The legend an LSP client is told: a token's type and modifiers are indexes into these lists. */
export const semanticTokenLegend: { types: readonly SemanticTokenType[]; modifiers: readonly SemanticTokenModifier[] } = {
  types: ['keyword', 'comment', 'number', 'string', 'operator', 'function', 'class', 'namespace', 'parameter', 'variable', 'label', 'property'],
  modifiers: ['declaration', 'defaultLibrary', 'readonly'],
};

/** The lexer's class of a token, where no occurrence says more (punctuation and invalid text get none). */
const byClass: Partial<Record<TokenClass, { type: SemanticTokenType; modifiers: SemanticTokenModifier[] }>> = {
  keyword: { type: 'keyword', modifiers: [] },
  comment: { type: 'comment', modifiers: [] },
  number: { type: 'number', modifiers: [] },
  string: { type: 'string', modifiers: [] },
  operator: { type: 'operator', modifiers: [] },
  layer: { type: 'function', modifiers: ['defaultLibrary'] },
  label: { type: 'label', modifiers: [] },
  type: { type: 'class', modifiers: [] },
  name: { type: 'variable', modifiers: [] },
};

function occurrenceToken(o: Occurrence): { type: SemanticTokenType; modifiers: SemanticTokenModifier[] } {
  const declaration: SemanticTokenModifier[] = o.declaration ? ['declaration'] : [];
  switch (o.kind) {
    case 'layer':
      return { type: 'function', modifiers: ['defaultLibrary'] };
    case 'function':
      return { type: 'function', modifiers: o.key ? ['defaultLibrary'] : [] };
    case 'block':
      return { type: 'class', modifiers: declaration };
    case 'network':
      return { type: 'namespace', modifiers: declaration };
    case 'parameter':
      return { type: 'parameter', modifiers: [...declaration, 'readonly'] };
    case 'let':
      return { type: 'variable', modifiers: [...declaration, 'readonly'] };
    case 'label':
      return { type: 'label', modifiers: declaration };
    case 'argument':
    case 'field':
      return { type: 'property', modifiers: [] };
    case 'import':
      return { type: 'string', modifiers: [] };
    case 'directive':
      return { type: 'keyword', modifiers: [] };
  }
}

/** `occurrences`: the binder's (sorted by offset), when the file parses; each token that starts one takes its meaning. */
export function semanticTokens(text: string, occurrences: Occurrence[] | undefined): SemanticTokenInfo[] {
  const named = occurrences ?? [];
  const out: SemanticTokenInfo[] = [];
  let next = 0; // tokens and occurrences are both in file order: walk them together
  for (const token of highlightTokens(text)) {
    while (next < named.length && named[next].from < token.from) next++;
    const o = named[next];
    const meaning = o && o.from === token.from && o.to === token.to ? occurrenceToken(o) : byClass[token.tokenClass];
    if (meaning) out.push({ from: token.from, to: token.to, type: meaning.type, modifiers: meaning.modifiers });
  }
  return out;
}
