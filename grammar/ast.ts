// The abstract syntax tree: plain, serializable data with source spans (UTF-16 offsets, end exclusive).

export interface Span {
  start: number;
  end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { kind: 'number'; value: number; isInteger: boolean; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'inShape'; span: Span }
  | { kind: 'member'; object: Expr; property: string; propertySpan: Span; span: Span }
  | { kind: 'index'; object: Expr; index: Expr; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  /** A built-in function: `max(a, b)`, `round(x)` (compiler/functions.ts). */
  | { kind: 'functionCall'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  /** `if condition then a else b` */
  | { kind: 'conditional'; condition: Expr; then: Expr; else: Expr; span: Span };

/** Text, or an integer expression interpolated into a label template (`layer{i}`). */
export type LabelPart = string | Expr;

/** A label: `label` is its text as written (`stem`, `layer{i}`); a template also has its parts. */
export interface LabelText {
  label: string;
  labelSpan: Span;
  /** Present only for templates: `layer{i}` is ['layer', {kind: 'name', name: 'i', …}]. */
  labelParts?: LabelPart[];
}

export interface Argument {
  name?: string;
  nameSpan?: Span;
  value: Expr;
  span: Span;
}

export interface CallStmt {
  kind: 'call';
  name: string;
  nameSpan: Span;
  args: Argument[];
  span: Span;
}

export interface Shortcut {
  condition?: Expr;
  body: Stmt[];
  span: Span;
}

export type Stmt =
  | { kind: 'input'; shape: Expr; span: Span }
  | { kind: 'let'; name: string; nameSpan: Span; value: Expr; span: Span }
  | CallStmt
  | { kind: 'repeat'; variable?: { name: string; span: Span }; count?: Expr; from?: Expr; to?: Expr; body: Stmt[]; span: Span }
  | { kind: 'if'; condition: Expr; then: Stmt[]; else?: Stmt[]; span: Span }
  /** Items in order: a `branch { … }` body, or a one-call body for a single call; each may have a label. */
  | { kind: 'concat'; branches: Stmt[][]; branchSpans: Span[]; branchLabels: (LabelText | undefined)[]; span: Span }
  | { kind: 'residual'; body: Stmt[]; shortcut?: Shortcut; span: Span }
  | { kind: 'scale'; body: Stmt[]; span: Span }
  | { kind: 'group'; body: Stmt[]; span: Span }
  | ({ kind: 'labeled'; statement: Stmt; span: Span } & LabelText)
  /** `freeze a, b`, `train a (lr: 10)`, `new a`: training directives (compiler/training_directives.ts). */
  | { kind: 'directive'; directive: DirectiveKind; targets: ScopePattern[]; args: Argument[]; span: Span };

export type DirectiveKind = 'freeze' | 'train' | 'new';

/** A label path as written (`stage2.0`, `stage*`); `*` matches any text within one segment. */
export interface ScopePattern {
  path: string;
  span: Span;
}

/** `extends Base(name = value, …)`: the base network, with new defaults for some of its parameters. */
export interface ExtendsClause {
  name: string;
  nameSpan: Span;
  args: Param[];
  span: Span;
}

export interface Param {
  name: string;
  span: Span;
  default?: Expr;
}

export interface Definition {
  kind: 'network' | 'block';
  name: string;
  nameSpan: Span;
  params: Param[];
  /** A derived network: its body replaces labelled statements of the base and adds directives. */
  extends?: ExtendsClause;
  body: Stmt[];
  span: Span;
  /** The file that defines it (as the host named it). */
  file: string;
}

export interface ImportDecl {
  path: string;
  span: Span;
}

export interface FileAst {
  file: string;
  imports: ImportDecl[];
  definitions: Definition[];
}
