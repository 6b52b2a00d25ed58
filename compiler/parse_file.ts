// Stage 1–2: source text -> tokens -> CST -> AST, converting lexer and parser errors into diagnostics.
import type { IToken, IRecognitionException } from 'chevrotain';
import { netLexer, UnterminatedString, Unexpected, Float, Integer, If, Then } from '../grammar/tokens.js';
import { tokensWithinLimits, tokenLimitOffset } from './token_limits.js';
import { netParser } from '../grammar/parser.js';
import { toAst } from '../grammar/to_ast.js';
import type { FileAst } from '../grammar/ast.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { Limits } from './limits.js';

export interface LexedFile {
  tokens: IToken[];
  ok: boolean;
}

/** Tokenizes `text`, reporting unexpected characters, unterminated strings and non-finite numbers. */
export function lexFile(file: string, text: string, bag: DiagnosticBag): LexedFile {
  const result = netLexer.tokenize(text);
  let ok = true;
  for (const error of result.errors) {
    const ch = String.fromCodePoint(text.codePointAt(error.offset) ?? 63);
    bag.report('NET1002', { file, span: { start: error.offset, end: error.offset + ch.length } }, { char: ch });
  }
  if (result.errors.length > 0) ok = false;
  const tokens: IToken[] = [];
  for (const token of result.tokens) {
    const span = { start: token.startOffset, end: token.startOffset + token.image.length };
    if (token.tokenType === Unexpected) {
      ok = false;
      const ch = String.fromCodePoint(token.image.codePointAt(0) ?? 63);
      bag.report('NET1002', { file, span: { start: token.startOffset, end: token.startOffset + ch.length } }, { char: ch });
      continue;
    }
    if (token.tokenType === UnterminatedString) {
      ok = false;
      bag.report('NET1003', { file, span });
      continue;
    }
    if ((token.tokenType === Float || token.tokenType === Integer) && !Number.isFinite(Number(token.image))) {
      ok = false;
      bag.report('NET1004', { file, span }, { text: token.image.length > 40 ? token.image.slice(0, 40) + '…' : token.image });
    }
    tokens.push(token);
  }
  return { tokens, ok };
}

function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF') return 'end of file';
  const image = token.image.length > 20 ? token.image.slice(0, 20) + '…' : token.image;
  return `'${image}'`;
}

/** Turns Chevrotain's recognition errors into NET1001 diagnostics with a short, human message. */
function reportParseError(file: string, text: string, error: IRecognitionException, bag: DiagnosticBag): void {
  const token = error.token;
  const atEnd = token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
  const start = atEnd ? text.length : token.startOffset;
  let span = { start, end: atEnd ? text.length : start + Math.max(1, token.image.length) };
  const found = describeToken(token);
  const ifError = misusedIf(error, found);
  if (ifError) {
    bag.report('NET1005', { file, span }, ifError);
    return;
  }
  let detail: string;
  let hint: string | undefined;
  switch (error.name) {
    case 'MismatchedTokenException': {
      const expected = /Expecting token of type --> (\w+) <--/.exec(error.message)?.[1];
      detail = `expected ${tokenLabel(expected)} but found ${found}`;
      if (expected === 'RBrace') hint = "every '{' needs a matching '}'";
      const closing = expected === 'RParen' || expected === 'RBracket';
      const previous = (error as IRecognitionException & { previousToken?: IToken }).previousToken;
      const sameLine = previous && !atEnd && !/[\r\n]/.test(text.slice(previous.startOffset, token.startOffset));
      if (closing && previous && !Number.isNaN(previous.startOffset) && !sameLine) {
        // The line ended inside (…): point at where it ended, not at the next line's first word.
        const end = previous.startOffset + previous.image.length;
        span = { start: end, end: end + 1 };
        detail = `expected ${tokenLabel(expected)} before the end of the line`;
        hint = `every '${expected === 'RParen' ? '(' : '['}' needs a matching ${tokenLabel(expected)}`;
      } else if (closing && /^(Identifier|Integer|Float|StringLiteral)$/.test(token.tokenType.name)) {
        detail = `expected ',' or ${tokenLabel(expected)} but found ${found}`;
        hint = "separate arguments and list items with ','";
      } else if (closing) hint = `every '${expected === 'RParen' ? '(' : '['}' needs a matching ${tokenLabel(expected)}`;
      break;
    }
    case 'NoViableAltException':
      detail = `unexpected ${found}`;
      hint = atEnd ? "the file ends early; is a '}' missing?" : 'expected a layer, a block call or a statement such as input, repeat, concat or residual';
      break;
    case 'NotAllInputParsedException':
      detail = `unexpected ${found} at the top level`;
      hint = "a file holds only 'import', 'network' and 'block' declarations";
      break;
    default:
      detail = `unexpected ${found}`;
  }
  bag.report('NET1001', { file, span }, { detail, ...(hint ? { hint } : {}) });
}

const operandRules = new Set(['orExpr', 'andExpr', 'notExpr', 'comparison', 'additive', 'multiplicative', 'unary', 'postfix', 'primary']);

/** `if` in the form that does not belong where it stands (a statement's braces in a value, or the reverse). */
function misusedIf(error: IRecognitionException, found: string): { detail: string; hint: string } | undefined {
  const stack = error.context?.ruleStack ?? [];
  const expected = /Expecting token of type --> (\w+) <--/.exec(error.message)?.[1];
  const inConditional = stack.lastIndexOf('conditional') > stack.lastIndexOf('ifStmt');
  const valueForm = "'if condition then a else b'";
  if (inConditional && stack.at(-1) === 'conditional' && expected === 'Then') {
    return { detail: `expected 'then' after the condition of an if expression, but found ${found}`, hint: `a value is chosen with ${valueForm}; braces { … } belong to if statements` };
  }
  if (inConditional && stack.at(-1) === 'conditional' && expected === 'Else') {
    return { detail: `an if expression needs an 'else' value, but found ${found}`, hint: `an expression always has a value: ${valueForm}` };
  }
  if (!inConditional && stack.includes('ifStmt') && error.token.tokenType === Then) {
    return { detail: "an if statement takes a { … } body, not 'then'", hint: `write 'if condition { … } else { … }'; ${valueForm} is the form that gives a value` };
  }
  if (error.name === 'NoViableAltException' && operandRules.has(stack.at(-1) ?? '') && error.token.tokenType === If) {
    return { detail: 'an if expression cannot be an operand of an operator as it stands', hint: "put it in parentheses: '1 + (if condition then a else b)'" };
  }
  return undefined;
}

const tokenLabels: Record<string, string> = {
  RBrace: "'}'", LBrace: "'{'", RParen: "')'", LParen: "'('", RBracket: "']'", Identifier: 'a name',
  StringLiteral: 'a string', Colon: "':'", Equals: "'='", DotDot: "'..'", Comma: "','",
};
const tokenLabel = (name: string | undefined): string => (name ? tokenLabels[name] ?? name : 'something else');

/** Parses one file: returns its AST, or undefined after reporting syntax errors (all of them, via recovery). */
export function parseFile(file: string, text: string, limits: Limits, bag: DiagnosticBag): FileAst | undefined {
  if (text.length > limits.maxFileSize) {
    bag.report('NET4901', { file, span: { start: 0, end: 0 } }, { size: text.length, limit: limits.maxFileSize });
    return undefined;
  }
  const tooMany = tokenLimitOffset(text, limits.maxTokens);
  if (tooMany >= 0) {
    bag.report('NET4908', { file, span: { start: tooMany, end: tooMany + 1 } }, { limit: limits.maxTokens });
    return undefined;
  }
  const lexed = lexFile(file, text, bag);
  // Parsing tokens around a bad character or string only adds echoes of the same mistake.
  if (!lexed.ok || !tokensWithinLimits(file, lexed.tokens, limits, bag)) return undefined;
  netParser.input = lexed.tokens;
  const cst = netParser.file();
  const errors = netParser.errors;
  // Recovery often trips twice on one mistake: keep the first error of each line.
  const lines = new Set<number>();
  for (const error of errors) {
    const line = bag.position(file, Number.isNaN(error.token.startOffset) ? text.length : error.token.startOffset).line;
    if (lines.has(line) || lines.size >= 50) continue;
    lines.add(line);
    reportParseError(file, text, error, bag);
  }
  if (errors.length > 0) return undefined;
  return toAst(cst, file);
}
