// The lexer's token types, in match order: keywords before Identifier, longer punctuation before shorter.
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

const keyword = (word: string): TokenType =>
  createToken({ name: word[0].toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier });

export const Network = keyword('network');
export const Block = keyword('block');
export const Import = keyword('import');
export const Input = keyword('input');
export const Let = keyword('let');
export const Repeat = keyword('repeat');
export const In = keyword('in');
export const If = keyword('if');
export const Then = keyword('then');
export const Else = keyword('else');
export const Concat = keyword('concat');
export const Branch = keyword('branch');
export const Residual = keyword('residual');
export const Shortcut = keyword('shortcut');
export const Scale = keyword('scale');
// A derived network (fine-tuning): `network B extends A(…) { head: … }`. Its directives `freeze`, `train` and
// `new` are not keywords but words the parser recognizes at a statement's start (parser.ts, directiveAhead),
// so a label or parameter may still be called `train`.
export const Extends = keyword('extends');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const True = keyword('true');
export const False = keyword('false');

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: Lexer.SKIPPED });

export const Float = createToken({ name: 'Float', pattern: /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/ });
export const Integer = createToken({ name: 'Integer', pattern: /\d+/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
// Matched only when StringLiteral cannot match: reported as NET1003, never parsed.
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\n\r]|\\.)*/ });

// A run of characters that start no token: one token, reported as NET1002 (never parsed), so a megabyte of
// binary lexes in one step instead of one lexer error per character. A lone `!` (not `!=`) is one too.
export const Unexpected = createToken({ name: 'Unexpected', pattern: /[^A-Za-z0-9_ \t\r\n\f\v\u00a0\ufeff#"(){}[\],:;.=!<>+\-*/%]+|!/ });

export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const EqualEqual = createToken({ name: 'EqualEqual', pattern: /==/ });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=/ });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: /\>=/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const SlashSlash = createToken({ name: 'SlashSlash', pattern: /\/\// });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });

export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  Network, Block, Import, Input, Let, Repeat, In, If, Then, Else, Concat, Branch, Residual, Shortcut, Scale,
  Extends,
  And, Or, Not, True, False,
  Identifier, Float, Integer, StringLiteral, UnterminatedString,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, Colon, Semicolon, DotDot, Dot,
  EqualEqual, NotEqual, LessEqual, GreaterEqual, Less, Greater, Equals,
  Plus, Minus, Star, SlashSlash, Slash, Percent,
  Unexpected,
];

export const netLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
