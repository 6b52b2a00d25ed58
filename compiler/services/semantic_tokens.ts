// Semantic tokens: every token of a file classed by its resolved meaning (layer vs block vs parameter vs let …).
import type { SemanticTokenInfo, SemanticTokenModifier, SemanticTokenType } from './types.js';

/** The legend an LSP client is told: a token's type and modifiers are indexes into these lists. */
export const semanticTokenLegend: { types: readonly SemanticTokenType[]; modifiers: readonly SemanticTokenModifier[] } = {
  types: ['keyword', 'comment', 'number', 'string', 'operator', 'function', 'class', 'namespace', 'parameter', 'variable', 'label', 'property'],
  modifiers: ['declaration', 'defaultLibrary', 'readonly'],
};

export function semanticTokens(): SemanticTokenInfo[] {
  return [];
}
