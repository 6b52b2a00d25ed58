// The formatter's view of each token: which grammar rule it belongs to, read once from the parse tree.
import type { CstNode, IToken } from 'chevrotain';

/** What a token is for, as far as spacing and indentation care. */
export type TokenRole =
  | 'bodyOpen' | 'bodyClose' // `{ … }` of a body or a concat: statements inside, indented
  | 'labelOpen' | 'labelClose' | 'labelPart' // `layer{i}_{j}`: written without spaces (the parser checks it)
  | 'pathPart' // a segment of a directive's path, `stage*`, `stage2.0.conv1`: written without spaces
  | 'pathDot'
  | 'callParen' // `conv(`, `max(`, `block b(`, `extends A(`: no space before
  | 'directiveParen' // `train head (lr: 10)`: a space before, as the docs write it
  | 'groupParen' // `(a + b)`
  | 'indexBracket' // `c2[0]`: no space before
  | 'listBracket' // `[1, 28, 28]`
  | 'memberDot' // `in.channels`
  | 'unaryMinus'
  | 'other';

export interface FormatToken {
  token: IToken;
  role: TokenRole;
  /** The label or path segment it belongs to (tokens of one are glued together); -1 when none. */
  unit: number;
  /** The first token of a statement, a concat item, an import or a definition: a line may start there unindented. */
  starter: boolean;
}

const callRules = new Set(['call', 'functionCall', 'paramList', 'extendsClause']);
const starterRules = new Set(['statement', 'concatItem', 'importDecl', 'definition']);

function roleOf(rule: string, token: IToken): TokenRole {
  const type = token.tokenType.name;
  switch (type) {
    case 'LBrace':
    case 'RBrace':
      if (rule === 'label') return type === 'LBrace' ? 'labelOpen' : 'labelClose';
      return type === 'LBrace' ? 'bodyOpen' : 'bodyClose';
    case 'LParen':
    case 'RParen':
      if (callRules.has(rule)) return 'callParen';
      return rule === 'directive' ? 'directiveParen' : 'groupParen';
    case 'LBracket':
    case 'RBracket':
      return rule === 'postfix' ? 'indexBracket' : 'listBracket';
    case 'Dot':
      return rule === 'scopePath' ? 'pathDot' : 'memberDot';
    case 'Minus':
      return rule === 'unary' ? 'unaryMinus' : 'other';
    default:
      if (rule === 'pathSegment') return 'pathPart';
      if (rule === 'label') return 'labelPart';
      return 'other';
  }
}

const isToken = (child: CstNode | IToken): child is IToken => (child as IToken).image !== undefined;

/** Every token of the tree with its role, in source order. */
export function formatTokens(cst: CstNode): FormatToken[] {
  const out: FormatToken[] = [];
  const starters = new Set<number>();
  let units = 0;
  const visit = (node: CstNode, unit: number): void => {
    const own = node.name === 'label' || node.name === 'pathSegment' ? units++ : unit;
    if (starterRules.has(node.name) && node.location) starters.add(node.location.startOffset);
    for (const children of Object.values(node.children)) {
      for (const child of children) {
        if (isToken(child)) out.push({ token: child, role: roleOf(node.name, child), unit: own, starter: false });
        // A label's `{ expression }` is not glued inside: its expression is spaced like any other.
        else visit(child, node.name === 'label' ? -1 : own);
      }
    }
  };
  visit(cst, -1);
  out.sort((a, b) => a.token.startOffset - b.token.startOffset);
  for (const t of out) t.starter = starters.has(t.token.startOffset);
  return out;
}
