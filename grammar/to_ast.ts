// The one visitor that gives the concrete syntax tree meaning: CST -> AST (only for error-free parses).
import type { CstNode, IToken, CstElement } from 'chevrotain';
import type { Argument, BinaryOp, Definition, DirectiveKind, Expr, FileAst, ImportDecl, LabelPart, LabelText, Param, Span, Stmt } from './ast.js';

type Children = Record<string, CstElement[] | undefined>;

const nodes = (c: Children, key: string): CstNode[] => (c[key] ?? []) as CstNode[];
const tokens = (c: Children, key: string): IToken[] => (c[key] ?? []) as IToken[];
const tokenSpan = (t: IToken): Span => ({ start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 });
const nodeSpan = (n: CstNode): Span => ({ start: n.location!.startOffset, end: (n.location!.endOffset ?? n.location!.startOffset) + 1 });
const join = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t' })[ch] ?? ch);
}

class AstBuilder {
  constructor(private readonly file: string) {}

  fileAst(node: CstNode): FileAst {
    const c = node.children;
    const imports: ImportDecl[] = nodes(c, 'importDecl').map((n) => {
      const s = tokens(n.children, 'StringLiteral')[0];
      return { path: unquote(s.image), span: tokenSpan(s) };
    });
    const definitions = nodes(c, 'definition').map((n) => this.definition(n));
    return { file: this.file, imports, definitions };
  }

  definition(node: CstNode): Definition {
    const c = node.children;
    const name = tokens(c, 'Identifier')[0];
    const paramList = nodes(c, 'paramList')[0];
    const params: Param[] = paramList ? nodes(paramList.children, 'param').map((p) => this.param(p)) : [];
    const ext = nodes(c, 'extendsClause')[0];
    const base = ext && tokens(ext.children, 'Identifier')[0];
    return {
      kind: tokens(c, 'Network').length > 0 ? 'network' : 'block',
      name: name.image,
      nameSpan: tokenSpan(name),
      params,
      ...(ext ? { extends: { name: base.image, nameSpan: tokenSpan(base), args: nodes(ext.children, 'param').map((p) => this.param(p)), span: nodeSpan(ext) } } : {}),
      body: this.body(nodes(c, 'body')[0]),
      span: nodeSpan(node),
      file: this.file,
    };
  }

  param(node: CstNode): Param {
    const c = node.children;
    const name = tokens(c, 'Identifier')[0];
    const dflt = nodes(c, 'expression')[0];
    return { name: name.image, span: tokenSpan(name), default: dflt ? this.expr(dflt) : undefined };
  }

  body(node: CstNode): Stmt[] {
    return nodes(node.children, 'statement').map((s) => this.statement(s));
  }

  statement(node: CstNode): Stmt {
    const c = node.children;
    const labeled = nodes(c, 'labeled')[0];
    if (labeled) {
      return {
        kind: 'labeled',
        ...this.label(nodes(labeled.children, 'label')[0]),
        statement: this.unlabeled(nodes(labeled.children, 'unlabeled')[0]),
        span: nodeSpan(labeled),
      };
    }
    return this.unlabeled(nodes(c, 'unlabeled')[0]);
  }

  /** A plain label, or a template's text and `{ expression }` parts in source order. */
  label(node: CstNode): LabelText {
    const c = node.children;
    const expressions = nodes(c, 'expression');
    const span = nodeSpan(node);
    const [head] = [...tokens(c, 'Identifier'), ...tokens(c, 'Integer')];
    if (expressions.length === 0) return { label: head.image, labelSpan: span };
    const pieces: { at: number; part: LabelPart }[] = [
      ...[...tokens(c, 'Identifier'), ...tokens(c, 'Integer')].map((t) => ({ at: t.startOffset, part: t.image })),
      ...expressions.map((e) => ({ at: e.location!.startOffset, part: this.expr(e) as LabelPart })),
    ].sort((a, b) => a.at - b.at);
    const labelParts = pieces.map((p) => p.part);
    const text = labelParts.map((p) => (typeof p === 'string' ? p : `{${p.kind === 'name' ? p.name : '…'}}`)).join('');
    return { label: text, labelSpan: span, labelParts };
  }

  unlabeled(node: CstNode): Stmt {
    const [key, [inner]] = Object.entries(node.children)[0] as [string, CstNode[]];
    const c = inner.children;
    const span = nodeSpan(inner);
    switch (key) {
      case 'inputStmt':
        return { kind: 'input', shape: this.expr(nodes(c, 'expression')[0]), span };
      case 'letStmt': {
        const name = tokens(c, 'Identifier')[0];
        return { kind: 'let', name: name.image, nameSpan: tokenSpan(name), value: this.expr(nodes(c, 'expression')[0]), span };
      }
      case 'repeatStmt': {
        const variable = tokens(c, 'Identifier')[0];
        const body = this.body(nodes(c, 'body')[0]);
        if (variable) {
          return {
            kind: 'repeat',
            variable: { name: variable.image, span: tokenSpan(variable) },
            from: this.expr(nodes(c, 'from')[0]),
            to: this.expr(nodes(c, 'to')[0]),
            body,
            span,
          };
        }
        return { kind: 'repeat', count: this.expr(nodes(c, 'count')[0]), body, span };
      }
      case 'ifStmt':
        return this.ifStmt(inner);
      case 'concatStmt': {
        const items = nodes(c, 'concatItem').map((item) => {
          const label = nodes(item.children, 'label')[0];
          const branch = nodes(item.children, 'branch')[0];
          const inner = branch ?? nodes(item.children, 'call')[0];
          return {
            body: branch ? this.body(nodes(branch.children, 'body')[0]) : [this.call(inner)],
            span: label ? join(nodeSpan(label), nodeSpan(inner)) : nodeSpan(inner),
            label: label ? this.label(label) : undefined,
          };
        });
        return { kind: 'concat', branches: items.map((i) => i.body), branchSpans: items.map((i) => i.span), branchLabels: items.map((i) => i.label), span };
      }
      case 'residualStmt': {
        const shortcutBody = nodes(c, 'shortcutBody')[0];
        const shortcutToken = tokens(c, 'Shortcut')[0];
        const condition = nodes(c, 'expression')[0];
        return {
          kind: 'residual',
          body: this.body(nodes(c, 'body')[0]),
          shortcut: shortcutBody
            ? { condition: condition ? this.expr(condition) : undefined, body: this.body(shortcutBody), span: join(tokenSpan(shortcutToken), nodeSpan(shortcutBody)) }
            : undefined,
          span,
        };
      }
      case 'scaleStmt':
        return { kind: 'scale', body: this.body(nodes(c, 'body')[0]), span };
      case 'call':
        return this.call(inner);
      case 'directive': {
        const directive = tokens(c, 'directiveWord')[0].image as DirectiveKind;
        const targets = nodes(c, 'scopePath').map((p) => {
          const segmentTokens = nodes(p.children, 'pathSegment').flatMap((seg) => Object.values(seg.children).flat() as IToken[]);
          const parts = [...segmentTokens, ...tokens(p.children, 'Dot')];
          const path = parts.sort((a, b) => a.startOffset - b.startOffset).map((t) => t.image).join('');
          return { path, span: nodeSpan(p) };
        });
        return { kind: 'directive', directive, targets, args: this.args(nodes(c, 'argument')), span };
      }
      case 'body':
        return { kind: 'group', body: this.body(inner), span };
      default:
        throw new Error(`to_ast: unknown statement rule ${key}`);
    }
  }

  ifStmt(node: CstNode): Stmt {
    const c = node.children;
    const elseIf = nodes(c, 'elseIf')[0];
    const elseBody = nodes(c, 'else')[0];
    return {
      kind: 'if',
      condition: this.expr(nodes(c, 'expression')[0]),
      then: this.body(nodes(c, 'then')[0]),
      else: elseIf ? [this.ifStmt(elseIf)] : elseBody ? this.body(elseBody) : undefined,
      span: nodeSpan(node),
    };
  }

  call(node: CstNode): Stmt & { kind: 'call' } {
    const c = node.children;
    const name = tokens(c, 'Identifier')[0];
    return { kind: 'call', name: name.image, nameSpan: tokenSpan(name), args: this.args(nodes(c, 'argument')), span: nodeSpan(node) };
  }

  args(list: CstNode[]): Argument[] {
    return list.map((a) => {
      const ac = a.children;
      const argName = tokens(ac, 'Identifier')[0];
      return {
        name: argName?.image,
        nameSpan: argName ? tokenSpan(argName) : undefined,
        value: this.expr(nodes(ac, 'expression')[0]),
        span: nodeSpan(a),
      };
    });
  }

  expr(node: CstNode): Expr {
    const c = node.children;
    switch (node.name) {
      case 'expression': {
        const conditional = nodes(c, 'conditional')[0];
        return this.expr(conditional ?? nodes(c, 'orExpr')[0]);
      }
      case 'conditional':
        return {
          kind: 'conditional',
          condition: this.expr(nodes(c, 'condition')[0]),
          then: this.expr(nodes(c, 'then')[0]),
          else: this.expr(nodes(c, 'else')[0]),
          span: nodeSpan(node),
        };
      case 'orExpr':
        return this.chain(nodes(c, 'andExpr'), tokens(c, 'Or'));
      case 'andExpr':
        return this.chain(nodes(c, 'notExpr'), tokens(c, 'And'));
      case 'notExpr': {
        const not = tokens(c, 'Not')[0];
        if (not) return { kind: 'unary', op: 'not', operand: this.expr(nodes(c, 'notExpr')[0]), span: nodeSpan(node) };
        return this.expr(nodes(c, 'comparison')[0]);
      }
      case 'comparison': {
        const ops = ['EqualEqual', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater'].flatMap((k) => tokens(c, k));
        return this.chain(nodes(c, 'additive'), ops);
      }
      case 'additive':
        return this.chain(nodes(c, 'multiplicative'), [...tokens(c, 'Plus'), ...tokens(c, 'Minus')]);
      case 'multiplicative':
        return this.chain(nodes(c, 'unary'), ['Star', 'SlashSlash', 'Slash', 'Percent'].flatMap((k) => tokens(c, k)));
      case 'unary': {
        const minus = tokens(c, 'Minus')[0];
        if (minus) return { kind: 'unary', op: '-', operand: this.expr(nodes(c, 'unary')[0]), span: nodeSpan(node) };
        return this.expr(nodes(c, 'postfix')[0]);
      }
      case 'postfix':
        return this.postfix(node);
      case 'primary':
        return this.primary(node);
      case 'list':
        return { kind: 'list', items: nodes(c, 'expression').map((e) => this.expr(e)), span: nodeSpan(node) };
      default:
        throw new Error(`to_ast: unknown expression rule ${node.name}`);
    }
  }

  /** Left-associative chain: operands interleaved with operators, restored to source order by offset. */
  chain(operands: CstNode[], operators: IToken[]): Expr {
    const ops = [...operators].sort((a, b) => a.startOffset - b.startOffset);
    let result = this.expr(operands[0]);
    ops.forEach((op, i) => {
      const right = this.expr(operands[i + 1]);
      result = { kind: 'binary', op: op.image as BinaryOp, left: result, right, span: join(result.span, right.span) };
    });
    return result;
  }

  postfix(node: CstNode): Expr {
    const c = node.children;
    let result = this.expr(nodes(c, 'primary')[0]);
    // Index and member suffixes, in source order.
    const suffixes = [
      ...tokens(c, 'LBracket').map((t, i) => ({ at: t.startOffset, index: nodes(c, 'expression')[i], end: tokens(c, 'RBracket')[i] })),
      ...tokens(c, 'Identifier').map((t) => ({ at: t.startOffset, member: t })),
    ].sort((a, b) => a.at - b.at);
    for (const s of suffixes) {
      if ('member' in s && s.member) {
        result = { kind: 'member', object: result, property: s.member.image, propertySpan: tokenSpan(s.member), span: join(result.span, tokenSpan(s.member)) };
      } else if ('index' in s && s.index) {
        result = { kind: 'index', object: result, index: this.expr(s.index), span: join(result.span, tokenSpan(s.end!)) };
      }
    }
    return result;
  }

  primary(node: CstNode): Expr {
    const c = node.children;
    const span = nodeSpan(node);
    const [key, [first]] = Object.entries(c)[0] as [string, (IToken | CstNode)[]];
    if (tokens(c, 'LParen').length > 0) return this.expr(nodes(c, 'expression')[0]);
    switch (key) {
      case 'Integer':
        return { kind: 'number', value: Number((first as IToken).image), isInteger: true, span };
      case 'Float':
        return { kind: 'number', value: Number((first as IToken).image), isInteger: false, span };
      case 'True':
        return { kind: 'bool', value: true, span };
      case 'False':
        return { kind: 'bool', value: false, span };
      case 'StringLiteral':
        return { kind: 'string', value: unquote((first as IToken).image), span };
      case 'Identifier':
        return { kind: 'name', name: (first as IToken).image, span };
      case 'In':
        return { kind: 'inShape', span };
      case 'list':
        return this.expr(first as CstNode);
      case 'functionCall': {
        const fc = (first as CstNode).children;
        const name = tokens(fc, 'Identifier')[0];
        return { kind: 'functionCall', name: name.image, nameSpan: tokenSpan(name), args: nodes(fc, 'expression').map((e) => this.expr(e)), span };
      }
      default:
        throw new Error(`to_ast: unknown primary ${key}`);
    }
  }
}

/** Builds the AST of one error-free CST `file` node. */
export function toAst(cst: CstNode, file: string): FileAst {
  return new AstBuilder(file).fileAst(cst);
}

/** The AST of one error-free CST `definition` node (incremental re-parsing: compiler/incremental/). */
export function definitionToAst(cst: CstNode, file: string): Definition {
  return new AstBuilder(file).definition(cst);
}

/** The statements of one error-free CST `body` node (incremental re-parsing: compiler/incremental/). */
export function bodyToAst(cst: CstNode, file: string): Stmt[] {
  return new AstBuilder(file).body(cst);
}
