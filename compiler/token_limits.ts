// Limits checked before the recursive parser runs: token count (before lexing), then on the tokens bracket and else-if nesting, operators, list items.
import type { IToken } from 'chevrotain';
import type { DiagnosticBag } from './diagnostics.js';
import type { Limits } from './limits.js';

const opening = new Set(['LParen', 'LBracket', 'LBrace']);
const closing = new Set(['RParen', 'RBracket', 'RBrace']);
const operators = new Set(['Plus', 'Minus', 'Star', 'Slash', 'SlashSlash', 'Percent', 'EqualEqual', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual', 'And', 'Or', 'Not', 'If', 'Dot']);
/** Tokens that can end a value: after one, `[` indexes it rather than starting a list. */
const valueEnds = new Set(['Identifier', 'Integer', 'Float', 'True', 'False', 'StringLiteral', 'In', 'RParen', 'RBracket']);
/** Tokens that can only start something: inside an expression none ever follows a value's end. */
const starts = new Set(['Identifier', 'Integer', 'Float', 'True', 'False', 'StringLiteral', 'In', 'Not', 'If']);
/** Tokens no expression contains: `{ } ; : = ..` and the statement keywords. */
const outside = new Set(['LBrace', 'RBrace', 'Semicolon', 'Colon', 'Equals', 'DotDot', 'Let', 'Input', 'Repeat', 'Concat', 'Branch', 'Residual', 'Shortcut', 'Scale', 'Network', 'Block', 'Import', 'Extends']);

interface Frame {
  type: string;
  /** Operators counted when the bracket opened, and the most any of its items reached. */
  base: number;
  max: number;
  items: number;
  /** `else if` statements chained at this level: each nests one rule deeper in the parser and in every walk. */
  elseIfs: number;
}

const span = (t: IToken) => ({ start: t.startOffset, end: t.startOffset + t.image.length });

/**
 * One pass over the tokens, before parsing, so that nothing later can recurse deeper than the limits allow:
 * - NET4903: ( [ { nest, plus `else if` chains (the parser, to_ast, resolve and expand recurse once per link);
 * - NET4021: operators of one expression, an upper bound of how deep its AST nests (the parser recurses on
 *   `not`/`-`/`if`; resolve and evaluate on every operator). An expression never contains a token of
 *   `outside`, nor a token that can only start something right after one that ends a value, so the count
 *   restarts there; a top-level `,` separates directive paths; inside ( ) and [ ] an item restarts at the
 *   bracket's count, and the bracket then counts as its deepest item. Line breaks do not matter: the parser
 *   skips them, so `1 +⏎ 1 +⏎ …` is one expression.
 * - NET4905: items of one list or argument list, so a million-item literal is refused before it is parsed.
 */
export function tokensWithinLimits(file: string, tokens: IToken[], limits: Limits, bag: DiagnosticBag): boolean {
  const stack: Frame[] = [];
  let top: Frame = { type: 'file', base: 0, max: 0, items: 0, elseIfs: 0 };
  let depth = 0;
  let elseIfDepth = 0;
  let count = 0;
  let previous: IToken | undefined;
  let beforePrevious: IToken | undefined;
  for (const t of tokens) {
    const type = t.tokenType.name;
    const prev = previous?.tokenType.name ?? '';
    // An if statement's chain ends at a `}` that no `else` follows.
    if (prev === 'RBrace' && type !== 'Else' && top.elseIfs > 0) {
      elseIfDepth -= top.elseIfs;
      top.elseIfs = 0;
    }
    if (outside.has(type) || (valueEnds.has(prev) && starts.has(type))) count = 0;
    if (type === 'Comma') {
      if (top.type === 'file' || top.type === 'LBrace') count = 0;
      else {
        top.max = Math.max(top.max, count);
        count = top.base;
        if (++top.items >= limits.maxListLength) {
          bag.report('NET4905', { file, span: span(t) }, { what: top.type === 'LBracket' ? 'this list' : 'this argument list', limit: limits.maxListLength });
          return false;
        }
      }
    }
    if (type === 'If' && prev === 'Else' && beforePrevious?.tokenType.name === 'RBrace') {
      top.elseIfs++;
      elseIfDepth++;
    }
    if (opening.has(type)) {
      stack.push(top);
      top = { type, base: count, max: count, items: 0, elseIfs: 0 };
      depth++;
    } else if (closing.has(type) && stack.length > 0) {
      const inner = top;
      elseIfDepth -= inner.elseIfs;
      top = stack.pop()!;
      depth--;
      if (inner.type !== 'LBrace') count = Math.max(inner.max, count);
    }
    if (depth + elseIfDepth > limits.maxNesting) {
      bag.report('NET4903', { file, span: span(t) }, { limit: limits.maxNesting });
      return false;
    }
    if (operators.has(type) || (type === 'LBracket' && valueEnds.has(prev))) {
      // An `if` nests two rules deep in the parser (the expression and its condition), so it counts twice.
      count += type === 'If' ? 2 : 1;
      if (count > limits.maxOperators) {
        bag.report('NET4021', { file, span: span(t) }, { limit: limits.maxOperators });
        return false;
      }
    }
    beforePrevious = previous;
    previous = t;
  }
  return true;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;

/**
 * Where a file passes `limit` tokens, counted without lexing (the lexer keeps an object per token, so a 4 MiB
 * file of `;` would take a gigabyte): a run of letters, digits, `_` and `.` counts once, a string or comment
 * once, any other character once — never fewer than the lexer's tokens, at most twice as many. -1 if within.
 */
export function tokenLimitOffset(text: string, limit: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    const start = i;
    if (c === 35) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
    } else if (c === 34) {
      while (i + 1 < text.length) {
        const d = text.charCodeAt(++i);
        if (d === 92) i++;
        else if (d === 34) break;
        else if (d === 10 || d === 13) {
          i--;
          break;
        }
      }
    } else if (isWordChar(c)) {
      while (i + 1 < text.length && isWordChar(text.charCodeAt(i + 1))) i++;
    }
    if (++count > limit) return start;
  }
  return -1;
}
