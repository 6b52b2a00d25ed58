// Lexing and parsing one region of a file on its own: a definition, or a run of a body's statements.
// The callers (incremental_parse.ts) check that the region parsed exactly as it would inside the whole file.
import { createTokenInstance, type IToken } from 'chevrotain';
import type { Definition, Stmt } from '../../grammar/ast.js';
import { netParser } from '../../grammar/parser.js';
import { bodyToAst, definitionToAst } from '../../grammar/to_ast.js';
import * as T from '../../grammar/tokens.js';
import { DiagnosticBag } from '../diagnostics.js';
import type { Limits } from '../limits.js';
import { lexFile } from '../parse_file.js';
import { tokensWithinLimits } from '../token_limits.js';

/** The tokens of text[from, to) at their offsets in `text`; undefined if the region has a lexical error. */
function lexRegion(file: string, text: string, from: number, to: number, limits: Limits): { tokens: IToken[]; bag: DiagnosticBag } | undefined {
  const region = text.slice(from, to);
  // A scratch bag: a region with any problem is parsed again as part of the whole file, which reports it.
  const bag = new DiagnosticBag(new Map([[file, region]]), limits.maxDiagnosticsPerCode);
  const lexed = lexFile(file, region, bag);
  if (!lexed.ok) return undefined;
  for (const t of lexed.tokens) {
    t.startOffset += from;
    t.endOffset = (t.endOffset ?? t.startOffset - from) + from;
  }
  return { tokens: lexed.tokens, bag };
}

const brace = (type: typeof T.LBrace, image: string, at: number) => createTokenInstance(type, image, at, at, NaN, NaN, NaN, NaN);

/**
 * The statements of text[from, to), parsed as the inside of a body: between synthetic braces, so the token
 * limits (NET4903 nesting) count them one level deep, as a definition's statements are.
 */
export function parseStatements(file: string, text: string, from: number, to: number, limits: Limits): Stmt[] | undefined {
  const lexed = lexRegion(file, text, from, to, limits);
  if (!lexed) return undefined;
  const tokens = [brace(T.LBrace, '{', from), ...lexed.tokens, brace(T.RBrace, '}', to)];
  if (!tokensWithinLimits(file, tokens, limits, lexed.bag)) return undefined;
  netParser.input = tokens;
  const cst = netParser.body();
  return netParser.errors.length === 0 ? bodyToAst(cst, file) : undefined;
}

/** The one definition that text[from, to) must hold; undefined on any error. */
export function parseDefinition(file: string, text: string, from: number, to: number, limits: Limits): Definition | undefined {
  const lexed = lexRegion(file, text, from, to, limits);
  if (!lexed || !tokensWithinLimits(file, lexed.tokens, limits, lexed.bag)) return undefined;
  netParser.input = lexed.tokens;
  const cst = netParser.definition();
  return netParser.errors.length === 0 ? definitionToAst(cst, file) : undefined;
}
