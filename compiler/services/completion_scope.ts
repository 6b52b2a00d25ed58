// What is in scope at an offset, read from tokens so it works while the line being typed does not parse:
// the enclosing definition's parameters, `let`s and repeat variables before the offset, and the known definitions.
import type { IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import { resolveImport } from '../paths.js';
import type { Workspace } from './analysis.js';

export interface TokenScope {
  /** `network` or `block` of the definition the offset is inside, if any. */
  definition?: { kind: 'network' | 'block'; name: string; extends: boolean; base?: string };
  params: string[];
  lets: { name: string; detail: string }[];
}

/** The definition enclosing the end of `before` (tokens before the offset), and its names defined so far. */
export function tokenScope(before: IToken[]): TokenScope {
  let start = -1;
  let depth = 0;
  for (let i = 0; i < before.length; i++) {
    const type = before[i].tokenType;
    if (depth === 0 && (type === T.Network || type === T.Block)) start = i;
    if (type === T.LBrace) depth++;
    if (type === T.RBrace) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) start = -1; // that definition's body closed
    }
  }
  if (start < 0 || before[start + 1]?.tokenType !== T.Identifier) return { params: [], lets: [] };
  const kind = before[start].tokenType === T.Network ? 'network' : 'block';
  const params = paramNames(before, start + 2);
  // Lets by the brace depth that binds them: a body's lets (and a repeat's variable) end with its `}`.
  const scopes: TokenScope['lets'][] = [[]];
  let pendingVariable: string | undefined;
  let extendsBase = false;
  let base: string | undefined;
  for (let j = start; j < before.length; j++) {
    const type = before[j].tokenType;
    if (type === T.Extends && !extendsBase) {
      extendsBase = true;
      base = before[j + 1]?.image;
    }
    if (type === T.LBrace) {
      scopes.push(pendingVariable ? [{ name: pendingVariable, detail: 'repeat index' }] : []);
      pendingVariable = undefined;
    }
    if (type === T.RBrace && scopes.length > 1) scopes.pop();
    if (type === T.Let && before[j + 1]?.tokenType === T.Identifier) scopes[scopes.length - 1].push({ name: before[j + 1].image, detail: 'let' });
    if (type === T.Repeat && before[j + 1]?.tokenType === T.Identifier && before[j + 2]?.tokenType === T.In) pendingVariable = before[j + 1].image;
  }
  // A repeat's variable is seen in its range too only after `{`; inside `repeat i in 0..|` it is not bound yet.
  const lets = scopes.flat();
  return { definition: { kind, name: before[start + 1].image, extends: extendsBase, base }, params, lets };
}

/** The parameter names of a definition whose parameter list (if any) opens at token `i`. */
export function paramNames(tokens: IToken[], i: number): string[] {
  const params: string[] = [];
  if (tokens[i]?.tokenType !== T.LParen) return params;
  let parens = 0;
  for (; i < tokens.length; i++) {
    const type = tokens[i].tokenType;
    if (type === T.LParen || type === T.LBracket) parens++;
    if (type === T.RParen || type === T.RBracket) parens--;
    if (parens === 0) break;
    const prev = tokens[i - 1].tokenType;
    if (type === T.Identifier && parens === 1 && (prev === T.LParen || prev === T.Comma)) params.push(tokens[i].image);
  }
  return params;
}

export interface KnownDefinition {
  file: string;
  params: string[];
}

/** Block and network names visible in `path`: its own (from tokens, so a file mid-edit still lists them) and its imports'. */
export function knownDefinitions(ws: Workspace, path: string, tokens: IToken[]): { blocks: Map<string, KnownDefinition>; networks: Map<string, KnownDefinition> } {
  const blocks = new Map<string, KnownDefinition>();
  const networks = new Map<string, KnownDefinition>();
  const imports: string[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if ((t.tokenType === T.Block || t.tokenType === T.Network) && next?.tokenType === T.Identifier) (t.tokenType === T.Block ? blocks : networks).set(next.image, { file: path, params: paramNames(tokens, i + 2) });
    if (t.tokenType === T.Import && next?.tokenType === T.StringLiteral) imports.push(resolveImport(path, next.image.slice(1, -1)));
  });
  const seen = new Set([path]);
  while (imports.length > 0) {
    const file = imports.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const ast = ws.ast(file);
    for (const def of ast?.definitions ?? []) {
      const table = def.kind === 'block' ? blocks : networks;
      if (!table.has(def.name)) table.set(def.name, { file, params: def.params.map((p) => p.name) });
    }
    for (const imp of ast?.imports ?? []) imports.push(resolveImport(file, imp.path));
  }
  return { blocks, networks };
}

/**
 * The top-level labels of network `name` (what `freeze`, `train` and `new` name in a network extending it), read
 * from tokens: in `path`'s own tokens, else in the AST of the file that defines it.
 */
export function topLabels(ws: Workspace, tokens: IToken[], name: string, file: string | undefined): string[] {
  const start = tokens.findIndex((t, i) => t.tokenType === T.Network && tokens[i + 1]?.image === name);
  if (start < 0) {
    const def = file ? ws.ast(file)?.definitions.find((d) => d.kind === 'network' && d.name === name) : undefined;
    return (def?.body ?? []).flatMap((s) => (s.kind === 'labeled' ? [s.label] : []));
  }
  const labels: string[] = [];
  let braces = 0;
  let parens = 0;
  for (let i = start; i < tokens.length; i++) {
    const type = tokens[i].tokenType;
    if (type === T.LBrace) braces++;
    else if (type === T.RBrace && --braces === 0) break;
    else if (type === T.LParen || type === T.LBracket) parens++;
    else if (type === T.RParen || type === T.RBracket) parens--;
    else if (braces === 1 && parens === 0 && type === T.Identifier && tokens[i + 1]?.tokenType === T.Colon) labels.push(tokens[i].image);
  }
  return labels;
}
