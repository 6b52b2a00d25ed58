// The outline of a file: its imports, then each network and block with its parameters, lets and labels
// nested as the statements nest (a label inside `stage1: repeat 2 { … }` sits under stage1).
import type { IToken } from 'chevrotain';
import type { Definition, FileAst, Stmt } from '../../grammar/ast.js';
import * as T from '../../grammar/tokens.js';
import { paramNames } from './completion_scope.js';
import { definitionSignature } from './signature.js';
import type { DocumentSymbolInfo } from './types.js';

const symbol = (name: string, kind: DocumentSymbolInfo['kind'], whole: { start: number; end: number }, selection: { start: number; end: number }, children: DocumentSymbolInfo[] = [], detail?: string): DocumentSymbolInfo => ({
  name,
  kind,
  ...(detail ? { detail } : {}),
  from: whole.start,
  to: whole.end,
  selectionFrom: selection.start,
  selectionTo: selection.end,
  children,
});

export function documentSymbols(ast: FileAst, text: string): DocumentSymbolInfo[] {
  return [
    ...ast.imports.map((imp) => symbol(imp.path, 'import', imp.span, imp.span)),
    ...ast.definitions.map((def) => definitionSymbol(def, text)),
  ];
}

function definitionSymbol(def: Definition, text: string): DocumentSymbolInfo {
  const params = def.params.map((p) => symbol(p.name, 'parameter', { start: p.span.start, end: p.default?.span.end ?? p.span.end }, p.span));
  // The signature without its leading keyword and name: `(channels, stride = 1)`, `extends ResNet18(classes = 5)`.
  const detail = definitionSignature(def, text).slice(`${def.kind} ${def.name}`.length).trim();
  return symbol(def.name, def.kind, def.span, def.nameSpan, [...params, ...statementSymbols(def.body)], detail || undefined);
}

/** Labels and lets of a body, each label holding what its statement nests. */
function statementSymbols(stmts: Stmt[]): DocumentSymbolInfo[] {
  return stmts.flatMap((s) => {
    if (s.kind === 'let') return [symbol(s.name, 'let', s.span, s.nameSpan)];
    if (s.kind === 'labeled') {
      const detail = s.statement.kind === 'call' ? s.statement.name : s.statement.kind;
      return [symbol(s.label, 'label', s.span, s.labelSpan, statementSymbols([s.statement]), detail)];
    }
    return nestedSymbols(s);
  });
}

function nestedSymbols(s: Stmt): DocumentSymbolInfo[] {
  switch (s.kind) {
    case 'repeat':
    case 'scale':
    case 'group':
      return statementSymbols(s.body);
    case 'residual':
      return [...statementSymbols(s.body), ...statementSymbols(s.shortcut?.body ?? [])];
    case 'if':
      return [...statementSymbols(s.then), ...statementSymbols(s.else ?? [])];
    case 'concat':
      return s.branches.flatMap((branch, i) => {
        const label = s.branchLabels[i];
        const inner = statementSymbols(branch);
        return label ? [symbol(label.label, 'label', s.branchSpans[i], label.labelSpan, inner, 'branch')] : inner;
      });
    default:
      return [];
  }
}

/**
 * While a file does not parse: its definitions from the tokens (keyword, name, parameter names, the braces'
 * extent), so the outline does not vanish at each keystroke. A body left open runs to the end of the file.
 */
export function tokenOutline(tokens: IToken[], textLength: number): DocumentSymbolInfo[] {
  const out: DocumentSymbolInfo[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const name = tokens[i + 1];
    if ((t.tokenType !== T.Network && t.tokenType !== T.Block) || name?.tokenType !== T.Identifier) continue;
    let end = textLength;
    let depth = 0;
    for (let j = i + 2; j < tokens.length; j++) {
      const type = tokens[j].tokenType;
      if (depth === 0 && (type === T.Network || type === T.Block) && tokens[j + 1]?.tokenType === T.Identifier) {
        end = tokens[j].startOffset; // an unclosed body ends where the next definition starts
        break;
      }
      if (type === T.LBrace) depth++;
      if (type === T.RBrace && --depth === 0) {
        end = tokens[j].startOffset + 1;
        break;
      }
    }
    const nameSpan = { start: name.startOffset, end: name.startOffset + name.image.length };
    const params = paramNames(tokens, i + 2);
    const kind = t.tokenType === T.Network ? 'network' : 'block';
    out.push(symbol(name.image, kind, { start: t.startOffset, end }, nameSpan, [], params.length || kind === 'block' ? `(${params.join(', ')})` : undefined));
  }
  return out;
}
