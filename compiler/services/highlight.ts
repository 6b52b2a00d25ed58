// Syntax highlighting from the grammar's own lexer: every token type has a class (one source of truth), and a
// few identifiers get a sharper one from their neighbours (layers, labels, definition names).
import type { IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import { directiveWords } from '../../grammar/parser.js';
import { layerRegistry } from '../ops/registry.js';
import type { HighlightToken, TokenClass } from './types.js';

const keywordTokens = [T.Network, T.Block, T.Import, T.Input, T.Let, T.Repeat, T.In, T.If, T.Then, T.Else, T.Concat, T.Branch, T.Residual, T.Shortcut, T.Scale, T.Extends, T.And, T.Or, T.Not, T.True, T.False];
const punctuationTokens = [T.LParen, T.RParen, T.LBrace, T.RBrace, T.LBracket, T.RBracket, T.Comma, T.Colon, T.Semicolon, T.DotDot, T.Dot];
const operatorTokens = [T.EqualEqual, T.NotEqual, T.LessEqual, T.GreaterEqual, T.Less, T.Greater, T.Equals, T.Plus, T.Minus, T.Star, T.SlashSlash, T.Slash, T.Percent];

/**
 * Every token type of grammar/tokens.ts's lexer, by name, to its class. White space is the one token without
 * one: it is never highlighted (the test checks that every other type is here).
 */
export const tokenClassOf: Record<string, TokenClass> = {
  ...Object.fromEntries(keywordTokens.map((t) => [t.name, 'keyword' as const])),
  ...Object.fromEntries(punctuationTokens.map((t) => [t.name, 'punctuation' as const])),
  ...Object.fromEntries(operatorTokens.map((t) => [t.name, 'operator' as const])),
  [T.Identifier.name]: 'name',
  [T.Integer.name]: 'number',
  [T.Float.name]: 'number',
  [T.StringLiteral.name]: 'string',
  [T.UnterminatedString.name]: 'invalid',
  [T.Unexpected.name]: 'invalid',
  [T.Comment.name]: 'comment',
};

/** The class of an identifier from its neighbours: a layer name, a label, a definition's name or a directive. */
function identifierClass(tokens: IToken[], i: number, depth: number): TokenClass {
  const token = tokens[i];
  const previous = tokens[i - 1]?.tokenType;
  const next = tokens[i + 1];
  if (previous === T.Network || previous === T.Block || previous === T.Extends) return 'type';
  if (depth === 0 && isLabel(tokens, i)) return 'label';
  if (depth > 0) return 'name';
  if (directiveWords.has(token.image) && next && next.startLine === token.startLine && (next.tokenType === T.Identifier || next.tokenType === T.Star)) return 'keyword';
  if (layerRegistry.has(token.image)) return 'layer';
  return 'name';
}

const adjacent = (a: IToken, b: IToken | undefined) => b !== undefined && a.startOffset + a.image.length === b.startOffset;

/** `stem:` or a template `layer{i}_{j}:` (its braces written without spaces, as the parser's labelAhead reads it). */
function isLabel(tokens: IToken[], i: number): boolean {
  let k = i + 1;
  while (tokens[k]?.tokenType === T.LBrace && adjacent(tokens[k - 1], tokens[k])) {
    while (tokens[k] && tokens[k].tokenType !== T.RBrace) k++;
    k++;
    if ((tokens[k]?.tokenType === T.Identifier || tokens[k]?.tokenType === T.Integer) && adjacent(tokens[k - 1], tokens[k])) k++;
  }
  return tokens[k]?.tokenType === T.Colon;
}

/** Tokens with their classes, in order; comments and unlexable characters (both skipped by the lexer) included. */
export function highlightTokens(text: string): HighlightToken[] {
  const { tokens } = T.netLexer.tokenize(text);
  const out: HighlightToken[] = [];
  let covered = 0;
  let depth = 0; // inside ( ) or [ ]: argument names and values, not statements
  tokens.forEach((token, i) => {
    gap(text, covered, token.startOffset, out);
    const type = token.tokenType;
    if (type === T.LParen || type === T.LBracket) depth++;
    if (type === T.RParen || type === T.RBracket) depth = Math.max(0, depth - 1);
    const tokenClass = type === T.Identifier ? identifierClass(tokens, i, depth) : tokenClassOf[type.name] ?? 'invalid';
    out.push({ from: token.startOffset, to: token.startOffset + token.image.length, tokenClass });
    covered = token.startOffset + token.image.length;
  });
  gap(text, covered, text.length, out);
  return out;
}

/** Text between tokens holds white space, comments (`#` to the end of the line) and characters the lexer refused. */
function gap(text: string, from: number, to: number, out: HighlightToken[]): void {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (/[ \t\r\n\f\v\u00a0\ufeff]/.test(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    if (c === '#') while (end < to && text[end] !== '\n' && text[end] !== '\r') end++;
    out.push({ from: i, to: end, tokenClass: c === '#' ? 'comment' : 'invalid' });
    i = end;
  }
}
