// Completion at an offset, from tokens (the line being typed need not parse): statement starts get layers, blocks
// and keywords; inside `conv(` the layer's arguments not yet given; after `:`, `=` or an operator the values in scope.
import type { IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import { directiveWords } from '../../grammar/parser.js';
import { shapePropertyNames } from '../evaluate.js';
import { functions } from '../functions.js';
import { layerRegistry } from '../ops/registry.js';
import type { Workspace } from './analysis.js';
import { type KnownDefinition, knownDefinitions, tokenScope, topLabels } from './completion_scope.js';
import { attrDetail, layerSignature } from './signature.js';
import type { CompletionItem, CompletionList } from './types.js';

const statementKeywords = ['input', 'let', 'repeat', 'if', 'concat', 'residual', 'scale'];
const topKeywords = ['network', 'block', 'import'];
const isWord = (t: IToken) => /^[A-Za-z_]\w*$/.test(t.image);

/** `tokens`: the lexer's tokens of `text` (cached per version by the service). */
export function completions(ws: Workspace, path: string, text: string, tokens: IToken[], offset: number): CompletionList {
  const empty = { from: offset, to: offset, items: [] };
  let lo = 0;
  for (let hi = tokens.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  let before = tokens.slice(0, lo); // the tokens starting before the offset
  const last = before[before.length - 1];
  // Inside a token: a word completes from its start; inside a string or a number nothing does.
  if (last && last.startOffset + last.image.length > offset) return isWord(last) ? complete(ws, path, text, tokens, before.slice(0, -1), last.startOffset, offset) : empty;
  // After a `#` on this line: a comment.
  const tail = text.slice(last ? last.startOffset + last.image.length : 0, offset);
  if (/#[^\n\r]*$/.test(tail)) return empty;
  if (last && isWord(last) && last.startOffset + last.image.length === offset) {
    before = before.slice(0, -1);
    return complete(ws, path, text, tokens, before, last.startOffset, offset);
  }
  return complete(ws, path, text, tokens, before, offset, offset);
}

/** `before` are the tokens ahead of the word being typed, which spans from..to. */
function complete(ws: Workspace, path: string, text: string, tokens: IToken[], before: IToken[], from: number, to: number): CompletionList {
  const list = (items: CompletionItem[]) => ({ from, to, items });
  const prev = before[before.length - 1];
  const openers: IToken[] = [];
  for (const t of before) {
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket || type === T.LBrace) openers.push(t);
    else if (type === T.RParen || type === T.RBracket || type === T.RBrace) openers.pop();
  }
  const opener = openers[openers.length - 1];
  const scope = tokenScope(before);
  const known = knownDefinitions(ws, path, tokens);
  const values = (): CompletionItem[] => [
    ...scope.params.map((name) => ({ label: name, kind: 'parameter' as const, detail: `parameter of ${scope.definition?.name}` })),
    ...scope.lets.map((l) => ({ label: l.name, kind: 'let' as const, detail: l.detail })),
    { label: 'in', kind: 'keyword', detail: 'the shape arriving here (in.channels, in.height, …)' },
    { label: 'true', kind: 'keyword' },
    { label: 'false', kind: 'keyword' },
    ...[...functions.values()].map((f) => ({ label: f.name, kind: 'keyword' as const, detail: f.usage, documentation: f.doc })),
  ];

  if (prev?.tokenType === T.Dot) {
    const object = before[before.length - 2];
    return list(object?.tokenType === T.In ? shapePropertyNames.map((name) => ({ label: name, kind: 'field' as const, detail: `of the incoming shape` })) : []);
  }
  // Naming something new: a definition, a parameter, a let, a repeat index.
  if (prev && (prev.tokenType === T.Network || prev.tokenType === T.Block || prev.tokenType === T.Let)) return list([]);
  if (prev?.tokenType === T.Extends) return list([...known.networks.keys()].map((name) => ({ label: name, kind: 'network' as const })));
  if (prev?.tokenType === T.Import) return list([]);

  if (!scope.definition) return list(topKeywords.map((label) => ({ label, kind: 'keyword' as const })));
  const directive = directiveTarget(before, text, from);
  if (directive && scope.definition.extends) {
    const base = scope.definition.base ?? '';
    return list(topLabels(ws, tokens, base, known.networks.get(base)?.file).map((label) => ({ label, kind: 'label' as const, detail: `${directive} a scope of ${base}` })));
  }
  if (opener && opener.tokenType !== T.LBrace) {
    const callee = before[before.indexOf(opener) - 1];
    const defining = before[before.indexOf(opener) - 2];
    const startsArgument = prev === opener || prev?.tokenType === T.Comma;
    if (opener.tokenType === T.LParen && callee?.tokenType === T.Identifier && startsArgument) {
      if (defining?.tokenType === T.Network || defining?.tokenType === T.Block || defining?.tokenType === T.Extends) return list([]);
      return list([...argumentItems(callee.image, before.slice(before.indexOf(opener) + 1), known.blocks), ...values()]);
    }
    if (startsArgument || isOperand(prev)) return list(values());
    return list([]);
  }
  if (startsStatement(prev, text, from)) {
    const inConcat = opener && before[before.indexOf(opener) - 1]?.tokenType === T.Concat;
    const keywords = [...statementKeywords, ...(inConcat ? ['branch'] : []), ...(scope.definition.extends ? [...directiveWords] : [])];
    return list([
      ...[...layerRegistry.values()].map((op) => ({ label: op.name, kind: 'layer' as const, detail: layerSignature(op), documentation: op.doc })),
      ...[...known.blocks].map(([name, b]) => ({ label: name, kind: 'block' as const, detail: `${name}(${b.params.join(', ')})${b.file === path ? '' : ` from ${b.file}`}` })),
      ...keywords.map((label) => ({ label, kind: 'keyword' as const })),
    ]);
  }
  if (isOperand(prev)) return list(values());
  return list([]);
}

/** The token before the offset ends a statement or opens a body, or a line break lies between it and the offset. */
function startsStatement(prev: IToken | undefined, text: string, from: number): boolean {
  if (!prev) return true;
  const type = prev.tokenType;
  if (type === T.LBrace || type === T.RBrace || type === T.Semicolon) return true;
  // `stem: ` — a label at a statement's start (argument names sit inside parentheses, handled before).
  if (type === T.Colon) return true;
  return /[\r\n]/.test(text.slice(prev.startOffset + prev.image.length, from));
}

/** `freeze |` or `freeze stem, |`: the directive word when the offset names one of its scopes. */
function directiveTarget(before: IToken[], text: string, from: number): string | undefined {
  let i = before.length - 1;
  while (i >= 0 && (before[i].tokenType === T.Comma || before[i].tokenType === T.Identifier || before[i].tokenType === T.Dot || before[i].tokenType === T.Integer || before[i].tokenType === T.Star)) i--;
  const word = before[i + 1];
  if (!word || !directiveWords.has(word.image) || before.slice(i + 2).some((t) => t.tokenType === T.Identifier && t.startLine !== word.startLine)) return undefined;
  if (/[\r\n]/.test(text.slice(word.startOffset, from))) return undefined;
  // The tokens from the word on alternate path, ',' — so the word itself or a comma comes last before the offset.
  const last = before[before.length - 1];
  return last === word || last.tokenType === T.Comma ? word.image : undefined;
}

/** After these a value is expected. */
function isOperand(prev: IToken | undefined): boolean {
  if (!prev) return false;
  const operand = [T.Colon, T.Equals, T.Comma, T.LParen, T.LBracket, T.Input, T.Repeat, T.In, T.If, T.Then, T.Else, T.DotDot, T.And, T.Or, T.Not, T.Plus, T.Minus, T.Star, T.Slash, T.SlashSlash, T.Percent, T.EqualEqual, T.NotEqual, T.Less, T.LessEqual, T.Greater, T.GreaterEqual];
  return operand.includes(prev.tokenType);
}

/** The argument names of the layer (or block) being called that are not given yet, by name or by position. */
function argumentItems(callee: string, args: IToken[], blocks: Map<string, KnownDefinition>): CompletionItem[] {
  const named = new Set<string>();
  let positional = 0;
  let depth = 0;
  let argStart = true;
  args.forEach((t, i) => {
    const type = t.tokenType;
    if (type === T.LParen || type === T.LBracket) depth++;
    if (type === T.RParen || type === T.RBracket) depth--;
    if (depth !== 0) return;
    if (type === T.Comma) {
      argStart = true;
      return;
    }
    if (argStart) {
      if (type === T.Identifier && args[i + 1]?.tokenType === T.Colon) named.add(t.image);
      else positional++;
      argStart = false;
    }
  });
  const op = layerRegistry.get(callee);
  if (op) {
    return op.attrs
      .filter((a, i) => !named.has(a.name) && !(i < Math.min(positional, op.positional)))
      .map((a) => ({ label: a.name, kind: 'argument' as const, detail: attrDetail(a), documentation: a.doc, insertText: `${a.name}: ` }));
  }
  return (blocks.get(callee)?.params ?? [])
    .filter((p, i) => !named.has(p) && i >= positional)
    .map((p) => ({ label: p, kind: 'argument' as const, detail: `parameter of block ${callee}`, insertText: `${p}: ` }));
}
