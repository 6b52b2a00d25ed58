// The outline and the semantic tokens as protocol types: document symbols (nested, or flat for old clients) and
// semantic tokens in the relative encoding, split at line breaks (clients need not support multi-line tokens).
import { SemanticTokensBuilder, SymbolKind, type DocumentSymbol, type SemanticTokens, type SymbolInformation } from 'vscode-languageserver';
import { semanticTokenLegend, type DocumentSymbolInfo, type SemanticTokenInfo } from '../compiler/services/index.js';
import { rangeOf, type Positions } from './positions.js';

const symbolKinds: Record<DocumentSymbolInfo['kind'], SymbolKind> = {
  network: SymbolKind.Class,
  block: SymbolKind.Function,
  label: SymbolKind.Field,
  parameter: SymbolKind.TypeParameter,
  let: SymbolKind.Constant,
  import: SymbolKind.Module,
};

export function documentSymbols(p: Positions, symbols: DocumentSymbolInfo[]): DocumentSymbol[] {
  return symbols.map((s) => ({
    name: s.name || '(unnamed)',
    kind: symbolKinds[s.kind],
    ...(s.detail ? { detail: s.detail } : {}),
    range: rangeOf(p, s.from, s.to),
    // The protocol wants the name inside the whole; a service that ever disagrees gets the whole.
    selectionRange: s.selectionFrom >= s.from && s.selectionTo <= s.to ? rangeOf(p, s.selectionFrom, s.selectionTo) : rangeOf(p, s.from, s.to),
    children: documentSymbols(p, s.children),
  }));
}

/** For clients without hierarchicalDocumentSymbolSupport: one flat list, each entry naming its container. */
export function symbolInformation(uri: string, p: Positions, symbols: DocumentSymbolInfo[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name || '(unnamed)', kind: symbolKinds[s.kind], location: { uri, range: rangeOf(p, s.from, s.to) }, ...(container ? { containerName: container } : {}) },
    ...symbolInformation(uri, p, s.children, s.name),
  ]);
}

export function semanticTokens(text: string, p: Positions, tokens: SemanticTokenInfo[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const t of [...tokens].sort((a, b) => a.from - b.from)) {
    const type = semanticTokenLegend.types.indexOf(t.type);
    if (type < 0 || t.to <= t.from) continue;
    const modifiers = t.modifiers.reduce((bits, m) => {
      const i = semanticTokenLegend.modifiers.indexOf(m);
      return i < 0 ? bits : bits | (1 << i);
    }, 0);
    for (const [from, to] of lineParts(text, t.from, Math.min(t.to, text.length))) {
      const start = p.positionAt(from);
      builder.push(start.line, start.character, to - from, type, modifiers);
    }
  }
  return builder.build();
}

/** from..to cut at line breaks, the breaks themselves left out. */
function lineParts(text: string, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i > start) parts.push([start, i]);
    start = i + 1;
  }
  if (to > start) parts.push([start, to]);
  return parts;
}
