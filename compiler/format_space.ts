// The formatter's spacing rule: what goes between two tokens written on one line ('' or ' ').
import type { FormatToken } from './format_roles.js';

const noSpaceBefore = new Set(['Comma', 'Semicolon', 'Colon', 'DotDot']);
const opens = new Set(['callParen', 'groupParen', 'directiveParen', 'indexBracket', 'listBracket']);

/** '' where the canonical layout writes two tokens together, else ' '. */
export function spaceBetween(a: FormatToken, b: FormatToken): '' | ' ' {
  const [at, bt] = [a.token.tokenType.name, b.token.tokenType.name];
  // Labels and paths: the parser reads `layer{i}` and `stage*` only when written without spaces.
  if (a.unit >= 0 && a.unit === b.unit) return '';
  if (b.role === 'labelOpen' || a.role === 'labelOpen' || b.role === 'labelClose') return '';
  if (a.role === 'bodyOpen') return b.role === 'bodyClose' ? '' : ' ';
  if (b.role === 'bodyOpen' || b.role === 'bodyClose') return ' ';
  if (noSpaceBefore.has(bt) || at === 'DotDot') return '';
  if (bt === 'RParen' || bt === 'RBracket') return '';
  if (opens.has(a.role) && (at === 'LParen' || at === 'LBracket')) return '';
  if (b.role === 'callParen' && bt === 'LParen') return '';
  if (b.role === 'indexBracket' && bt === 'LBracket') return '';
  if (a.role === 'memberDot' || b.role === 'memberDot') return '';
  if (a.role === 'pathDot' || b.role === 'pathDot') return pathDotSpace(a, b);
  if (a.role === 'unaryMinus') return '';
  return ' ';
}

/** `0 . 1` glued would lex as the number `0.1`: keep the space the author wrote there (tokens never change). */
function pathDotSpace(a: FormatToken, b: FormatToken): '' | ' ' {
  const digits = /^\d/;
  if (a.role === 'pathDot' && digits.test(b.token.image) && a.token.startOffset + 1 !== b.token.startOffset) return ' ';
  if (b.role === 'pathDot' && /^\d+$/.test(a.token.image) && a.token.startOffset + a.token.image.length !== b.token.startOffset) return ' ';
  return '';
}
