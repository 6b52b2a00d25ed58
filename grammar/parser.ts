// The concrete-syntax parser: Chevrotain rules only (meaning is added by to_ast.ts).
import { CstParser, EOF, type IToken } from 'chevrotain';
import * as T from './tokens.js';

export class NetParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'onlyOffset' });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.definition) },
      ]),
    );
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => this.CONSUME(T.Semicolon));
  });

  definition = this.RULE('definition', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Network) }, { ALT: () => this.CONSUME(T.Block) }]);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.paramList));
    this.OPTION2(() => this.SUBRULE(this.extendsClause));
    this.SUBRULE(this.body);
  });

  /** `extends ResNet18(classes = 5)`: the base network and new defaults for its parameters. */
  extendsClause = this.RULE('extendsClause', () => {
    this.CONSUME(T.Extends);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
      this.CONSUME(T.RParen);
    });
  });

  paramList = this.RULE('paramList', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(T.RParen);
  });

  param = this.RULE('param', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression);
    });
  });

  body = this.RULE('body', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RBrace);
  });

  statement = this.RULE('statement', () => {
    this.OR({
      // `name{i}: …` starts like a call followed by a group; the gate tells them apart (see labelAhead).
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.labelAhead(), ALT: () => this.SUBRULE(this.labeled) },
        { ALT: () => this.SUBRULE(this.unlabeled) },
      ],
    });
    this.OPTION(() => this.CONSUME(T.Semicolon));
  });

  labeled = this.RULE('labeled', () => {
    this.SUBRULE(this.label);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.unlabeled);
  });

  /** `stem`, a template `layer{i}`, `block{i}_{j}` (text written without spaces, `{ expression }` parts), or `0` (nn.Sequential's names). */
  label = this.RULE('label', () => {
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.MANY(() => {
            this.CONSUME(T.LBrace);
            this.SUBRULE(this.expression);
            this.CONSUME(T.RBrace);
            this.OPTION(() => this.OR([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME(T.Integer) }]));
          });
        },
      },
      { ALT: () => this.CONSUME2(T.Integer) },
    ]);
  });

  unlabeled = this.RULE('unlabeled', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputStmt) },
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.repeatStmt) },
      { ALT: () => this.SUBRULE(this.ifStmt) },
      { ALT: () => this.SUBRULE(this.concatStmt) },
      { ALT: () => this.SUBRULE(this.residualStmt) },
      { ALT: () => this.SUBRULE(this.scaleStmt) },
      { GATE: () => this.directiveAhead(), ALT: () => this.SUBRULE(this.directive) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.body) },
    ]);
  });

  inputStmt = this.RULE('inputStmt', () => {
    this.CONSUME(T.Input);
    this.SUBRULE(this.expression);
  });

  letStmt = this.RULE('letStmt', () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  repeatStmt = this.RULE('repeatStmt', () => {
    this.CONSUME(T.Repeat);
    this.OR([
      {
        GATE: () => this.LA(2).tokenType === T.In,
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.CONSUME(T.In);
          this.SUBRULE(this.expression, { LABEL: 'from' });
          this.CONSUME(T.DotDot);
          this.SUBRULE2(this.expression, { LABEL: 'to' });
        },
      },
      { ALT: () => this.SUBRULE3(this.expression, { LABEL: 'count' }) },
    ]);
    this.SUBRULE(this.body);
  });

  ifStmt = this.RULE('ifStmt', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.body, { LABEL: 'then' });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.OR([
        { ALT: () => this.SUBRULE(this.ifStmt, { LABEL: 'elseIf' }) },
        { ALT: () => this.SUBRULE2(this.body, { LABEL: 'else' }) },
      ]);
    });
  });

  concatStmt = this.RULE('concatStmt', () => {
    this.CONSUME(T.Concat);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.concatItem);
      this.OPTION(() => this.CONSUME(T.Semicolon));
    });
    this.CONSUME(T.RBrace);
  });

  concatItem = this.RULE('concatItem', () => {
    this.OPTION({
      GATE: () => this.labelAhead(),
      DEF: () => {
        this.SUBRULE(this.label);
        this.CONSUME(T.Colon);
      },
    });
    this.OR([
      { ALT: () => this.SUBRULE(this.branch) },
      { ALT: () => this.SUBRULE(this.call) },
    ]);
  });

  branch = this.RULE('branch', () => {
    this.CONSUME(T.Branch);
    this.SUBRULE(this.body);
  });

  residualStmt = this.RULE('residualStmt', () => {
    this.CONSUME(T.Residual);
    this.SUBRULE(this.body);
    this.OPTION(() => {
      this.CONSUME(T.Shortcut);
      this.OPTION2(() => {
        this.CONSUME(T.If);
        this.SUBRULE(this.expression);
      });
      this.SUBRULE2(this.body, { LABEL: 'shortcutBody' });
    });
  });

  scaleStmt = this.RULE('scaleStmt', () => {
    this.CONSUME(T.Scale);
    this.SUBRULE(this.body);
  });

  /** `freeze stem, stage1`, `train head (lr: 10)`, `new head`: how training treats the named scopes. */
  directive = this.RULE('directive', () => {
    this.CONSUME(T.Identifier, { LABEL: 'directiveWord' });
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.scopePath) });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
      this.CONSUME(T.RParen);
    });
  });

  /** `stage2.0.conv1`, `stage*.0`, `*`: a label path; `*` stands for any text within one segment. */
  scopePath = this.RULE('scopePath', () => {
    this.SUBRULE(this.pathSegment);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.pathSegment);
    });
  });

  /** One segment, written without spaces: `stage`, `*`, `stage*`, `0` (Float: `0.1` in `stage2.0.1` lexes as
   *  one number; its text is still the path's text). A space ends the path (`freeze stem` + newline + `relu`). */
  pathSegment = this.RULE('pathSegment', () => {
    let last: IToken = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Integer) }, { ALT: () => this.CONSUME(T.Float) }, { ALT: () => this.CONSUME(T.Star) }]);
    this.MANY({
      GATE: () => adjacent(last, this.LA(1)),
      DEF: () => {
        last = this.OR2([{ ALT: () => this.CONSUME2(T.Identifier) }, { ALT: () => this.CONSUME2(T.Integer) }, { ALT: () => this.CONSUME2(T.Float) }, { ALT: () => this.CONSUME2(T.Star) }]);
      },
    });
  });

  call = this.RULE('call', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
      this.CONSUME(T.RParen);
    });
  });

  argument = this.RULE('argument', () => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Colon,
      DEF: () => {
        this.CONSUME(T.Identifier);
        this.CONSUME(T.Colon);
      },
    });
    this.SUBRULE(this.expression);
  });

  expression = this.RULE('expression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.conditional) },
      { ALT: () => this.SUBRULE(this.orExpr) },
    ]);
  });

  /** `if c then a else b`: the loosest expression, so an operand of an operator needs parentheses around it. */
  conditional = this.RULE('conditional', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expression, { LABEL: 'then' });
    this.CONSUME(T.Else);
    this.SUBRULE3(this.expression, { LABEL: 'else' });
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.EqualEqual) },
        { ALT: () => this.CONSUME(T.NotEqual) },
        { ALT: () => this.CONSUME(T.LessEqual) },
        { ALT: () => this.CONSUME(T.GreaterEqual) },
        { ALT: () => this.CONSUME(T.Less) },
        { ALT: () => this.CONSUME(T.Greater) },
      ]);
      this.SUBRULE2(this.additive);
    });
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.multiplicative);
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.SlashSlash) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      this.SUBRULE2(this.unary);
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.SUBRULE(this.expression);
            this.CONSUME(T.RBracket);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.Identifier);
          },
        },
      ]),
    );
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.functionCall) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.In) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.list) },
    ]);
  });

  /** `max(a, b)`: a built-in function of values (layers and blocks are statements, not values). */
  functionCall = this.RULE('functionCall', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RBracket);
  });

  /**
   * Is a directive next? `freeze`, `train` or `new` followed, on the same line, by the start of a path: a word
   * that is otherwise a call (`freeze` then `stem` on the next line) or a label (`train: …`) stays one.
   */
  private directiveAhead(): boolean {
    const [word, next] = [this.LA(1), this.LA(2)];
    if (word.tokenType !== T.Identifier || !directiveWords.has(word.image)) return false;
    const startsPath = next.tokenType === T.Identifier || next.tokenType === T.Integer || next.tokenType === T.Float || next.tokenType === T.Star;
    return startsPath && next.startLine === word.startLine;
  }

  /** labelAhead's answers by the token a scan started at (tokens are new objects on every parse). */
  private readonly labelAnswers = new WeakMap<IToken, boolean>();

  /**
   * Is a label next? `name:`, or a template `name{…}…:` written without spaces around its braces. Expressions
   * hold no braces, so each scan stops at the first brace, `;` or the end, and `relu {x}` stays a call followed
   * by a group. A chain `a{x}b{y}…` is scanned once: every name in it that starts a part shares the answer.
   */
  private labelAhead(): boolean {
    if (this.LA(1).tokenType === T.Integer) return this.LA(2).tokenType === T.Colon;
    if (this.LA(1).tokenType !== T.Identifier) return false;
    const known = this.labelAnswers.get(this.LA(1));
    if (known !== undefined) return known;
    const heads = [this.LA(1)];
    let k = 2;
    let answer: boolean | undefined;
    while (answer === undefined && this.LA(k).tokenType === T.LBrace && adjacent(this.LA(k - 1), this.LA(k))) {
      let j = k + 1;
      for (let t = this.LA(j).tokenType; t !== T.RBrace && answer === undefined; t = this.LA(++j).tokenType) {
        if (t === T.LBrace || t === T.Semicolon || t === EOF) answer = false;
      }
      k = j + 1;
      const next = this.LA(k);
      if (answer === undefined && (next.tokenType === T.Identifier || next.tokenType === T.Integer) && adjacent(this.LA(k - 1), next)) {
        if (next.tokenType === T.Identifier) heads.push(next);
        k++;
      }
    }
    answer ??= this.LA(k).tokenType === T.Colon;
    for (const head of heads) this.labelAnswers.set(head, answer);
    return answer;
  }
}

/** The words that start a training directive (grammar/ast.ts, DirectiveKind). */
export const directiveWords: ReadonlySet<string> = new Set(['freeze', 'train', 'new']);

const adjacent = (a: IToken, b: IToken): boolean => a.endOffset !== undefined && a.endOffset + 1 === b.startOffset;

/** One parser instance serves every parse: Chevrotain parsers are reusable via `input =`. */
export const netParser = new NetParser();
