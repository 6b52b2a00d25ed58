// Incremental parsing: the AST of a new version of a file from the previous version's, re-parsing only the
// definition, or the few statements of one, that the edit touched. Anything it cannot prove the same as a
// whole-file parse (an edit across definitions, a syntax error, a limit) answers undefined: parse it all.
import type { Definition, FileAst, Span } from '../../grammar/ast.js';
import type { Limits } from '../limits.js';
import { netLexer } from '../../grammar/tokens.js';
import { tokenLimitOffset } from '../token_limits.js';
import { parseDefinition, parseStatements } from './reparse_region.js';
import { shiftSpans } from './shift_spans.js';
import { type TextChange, textChange } from './text_change.js';

/** A text and its AST (it parsed without errors). */
export interface ParsedFile {
  text: string;
  ast: FileAst;
}

/**
 * Statements re-parsed on each side of the changed one. The parser looks at most 3 tokens ahead (its
 * maxLookahead; its label and directive gates look within the statement they start) and every statement
 * has a token, so 3 statements on each side make the neighbours' decisions those of a whole-file parse.
 */
const CONTEXT = 3;

/** Strictly inside: the span's first and last characters are untouched, so the edit cannot merge it with a neighbour. */
const encloses = (span: Span, change: TextChange) => span.start < change.start && change.oldEnd < span.end;
const sameSpan = (a: Span, b: Span, delta = 0) => a.start + delta === b.start && a.end + delta === b.end;

/**
 * How much of a file a re-parse parsed again: none of it (the same text, or an edit of the white space and
 * comments between top-level items), statements of one definition, or one definition.
 */
export type ReparseKind = 'unchanged' | 'between' | 'statements' | 'definition';

/**
 * The AST of `text`, re-using what `previous` parsed outside the edit; undefined: parse the whole file instead.
 * The nodes it reuses after the edit have their spans moved in place: `previous.ast` is the new version's now.
 */
export function reparse(previous: ParsedFile, text: string, limits: Limits): { ast: FileAst; kind: ReparseKind } | undefined {
  if (text === previous.text) return { ast: previous.ast, kind: 'unchanged' };
  if (text.length > limits.maxFileSize) return undefined;
  // Every token counted has a character of its own: a text no longer than the limit is within it, unscanned.
  if (text.length > limits.maxTokens && tokenLimitOffset(text, limits.maxTokens) >= 0) return undefined;
  const change = textChange(previous.text, text);
  const { file, imports, definitions } = previous.ast;
  if (onlyTrivia(previous.ast, text, change)) {
    return { ast: { file, imports: moved(imports, change), definitions: moved(definitions, change) }, kind: 'between' };
  }
  const i = definitions.findIndex((d) => encloses(d.span, change));
  if (i < 0) return undefined;
  const def = definitions[i];
  const statements = reparseStatements(text, def, change, limits);
  const replaced = statements ?? reparseDefinition(text, def, change, limits);
  if (!replaced) return undefined;
  const ast = {
    file,
    imports: moved(imports, change),
    definitions: [...definitions.slice(0, i), replaced, ...definitions.slice(i + 1).map((d) => shiftSpans(d, change.delta))],
  };
  return { ast, kind: statements ? 'statements' : 'definition' };
}

/** The definition with the top-level statement holding the edit (and its neighbours) parsed again. */
function reparseStatements(text: string, def: Definition, change: TextChange, limits: Limits): Definition | undefined {
  const body = def.body;
  const i = body.findIndex((s) => encloses(s.span, change));
  // At the end of the body the neighbours after it would not be statements but '}' and beyond: parse the definition.
  if (i < 0 || i + CONTEXT >= body.length) return undefined;
  const first = Math.max(0, i - CONTEXT);
  const last = i + CONTEXT;
  const parsed = parseStatements(def.file, text, body[first].span.start, body[last].span.end + change.delta, limits);
  if (!parsed) return undefined;
  // The same neighbours, each where it was: the parse of the region ended as the whole-file parse would.
  const before = body.slice(first, i);
  const after = body.slice(i + 1, last + 1);
  if (parsed.length < before.length + after.length) return undefined;
  if (!before.every((s, k) => sameSpan(s.span, parsed[k].span))) return undefined;
  const tail = parsed.length - after.length;
  if (!after.every((s, k) => sameSpan(s.span, parsed[tail + k].span, change.delta))) return undefined;
  return {
    ...def,
    body: [...body.slice(0, first), ...parsed, ...body.slice(last + 1).map((s) => shiftSpans(s, change.delta))],
    span: { start: def.span.start, end: def.span.end + change.delta },
  };
}

function reparseDefinition(text: string, def: Definition, change: TextChange, limits: Limits): Definition | undefined {
  const span = { start: def.span.start, end: def.span.end + change.delta };
  const parsed = parseDefinition(def.file, text, span.start, span.end, limits);
  return parsed && sameSpan(parsed.span, span) ? parsed : undefined;
}

/** Top-level items, those after the edit moved by its delta. */
function moved<T extends { span: Span }>(items: T[], change: TextChange): T[] {
  return items.map((item) => (item.span.start >= change.oldEnd ? shiftSpans(item, change.delta) : item));
}

/**
 * Whether the edit stays in the gap between two top-level items (or before the first, after the last) and the
 * gap is still only white space and comments: then every token, so the AST, is the old one moved. A comment
 * on the gap's last line would run into the next item (the lexer ends it at the line's end, not the gap's).
 */
function onlyTrivia(ast: FileAst, text: string, change: TextChange): boolean {
  const spans = [...ast.imports.map((i) => i.span), ...ast.definitions.map((d) => d.span)];
  let gapStart = 0;
  let gapEnd = Infinity;
  for (const span of spans) {
    if (span.end <= change.start) gapStart = Math.max(gapStart, span.end);
    else if (span.start >= change.oldEnd) gapEnd = Math.min(gapEnd, span.start);
    else return false;
  }
  const end = gapEnd === Infinity ? text.length : gapEnd + change.delta;
  const gap = text.slice(gapStart, end);
  if (gapEnd !== Infinity && gap.slice(Math.max(gap.lastIndexOf('\n'), gap.lastIndexOf('\r')) + 1).includes('#')) return false;
  const lexed = netLexer.tokenize(gap);
  return lexed.tokens.length === 0 && lexed.errors.length === 0;
}
