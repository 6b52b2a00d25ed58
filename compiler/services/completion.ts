// Completion at an offset, from tokens (the line being typed need not parse): statement starts get layers, blocks
// and keywords; inside `conv(` the layer's arguments not yet given; after `:`, `=` or an operator the values in scope.
import type { IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.js';
import { directiveWords } from '../../grammar/parser.js';
import { directiveOptions } from '../directive_options.js';
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
  const follow = followingKeyword(before, prev, text, from);
  if (follow) return list([{ label: follow, kind: 'keyword' }]);
  const directive = directiveTarget(before, text, from);
  if (directive && scope.definition.extends) {
    const base = scope.definition.base ?? '';
    return list(topLabels(ws, tokens, base, known.networks.get(base)?.file).map((label) => ({ label, kind: 'label' as const, detail: `${directive} a scope of ${base}` })));
  }
  if (opener && opener.tokenType !== T.LBrace) {
    const callee = before[before.indexOf(opener) - 1];
    const defining = before[before.indexOf(opener) - 2];
    const startsArgument = prev === opener || prev?.tokenType === T.Comma;
    const options = opener.tokenType === T.LParen && startsArgument ? directiveOptionItems(before.slice(0, before.indexOf(opener))) : undefined;
    if (options) return list([...options, ...values()]);
    if (opener.tokenType === T.LParen && callee?.tokenType === T.Identifier && startsArgument) {
      if (defining?.tokenType === T.Extends) return list(baseParameterItems(callee.image, before.slice(before.indexOf(opener) + 1), known.networks));
      if (defining?.tokenType === T.Network || defining?.tokenType === T.Block) return list([]);
      return list([...argumentItems(callee.image, before.slice(before.indexOf(opener) + 1), known.blocks), ...values()]);
    }
    if (startsArgument || isOperand(prev)) return list(values());
    return list([]);
  }
  if (startsStatement(prev, text, from) && scope.definition.extends && scope.definition.kind === 'network') {
    // A derived network's body replaces its base's top-level labels and holds directives (NET2023 otherwise).
    const base = scope.definition.base ?? '';
    const labels = topLabels(ws, tokens, base, known.networks.get(base)?.file);
    return list([
      ...labels.map((label) => ({ label, kind: 'label' as const, detail: `replace ${base}'s ${label}`, insertText: `${label}: ` })),
      ...['input', ...directiveWords].map((label) => ({ label, kind: 'keyword' as const })),
    ]);
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

/**
 * The one keyword the grammar takes next: `repeat i |` → in, `if c then a |` → else, `x = if c |` → then,
 * `residual { … } |` → shortcut (a statement may follow too, so only on the same line), `if c { … } |` → else.
 */
function followingKeyword(before: IToken[], prev: IToken | undefined, text: string, from: number): string | undefined {
  if (!prev) return undefined;
  const sameLine = !/[\r\n]/.test(text.slice(prev.startOffset + prev.image.length, from));
  const beforePrev = before[before.length - 2];
  if (beforePrev?.tokenType === T.Repeat && prev.tokenType === T.Identifier) return 'in';
  if (prev.tokenType === T.RBrace && sameLine) {
    const open = matchingOpen(before, before.length - 1);
    const head = before[open - 1];
    if (head?.tokenType === T.Residual) return 'shortcut';
    // `if c {`: the tokens from the `if` up to this body's `{` are its condition (a statement `if`, not an expression).
    for (let i = open - 1; i >= 0 && before[i].tokenType !== T.LBrace && before[i].tokenType !== T.RBrace && before[i].tokenType !== T.Semicolon; i--) {
      if (before[i].tokenType === T.If) return 'else';
    }
    return undefined;
  }
  if (!sameLine || prev.tokenType === T.Then || prev.tokenType === T.Else || prev.tokenType === T.If) return undefined;
  // An expression `if`: the innermost unmatched `if` before the offset, within this statement.
  let pendingThen = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const type = before[i].tokenType;
    if (type === T.LBrace || type === T.RBrace || type === T.Semicolon || before[i].startLine !== prev.startLine) break;
    if (type === T.Else) pendingThen++;
    if (type === T.Then) {
      if (pendingThen > 0) pendingThen--;
      else return isOperandEnd(prev) ? 'else' : undefined;
    }
    if (type === T.If && pendingThen === 0) {
      // A statement `if` (at a statement's start) takes `{`, not `then`.
      const ahead = before[i - 1];
      const statementIf = !ahead || [T.LBrace, T.RBrace, T.Semicolon, T.Colon].includes(ahead.tokenType) || ahead.startLine !== before[i].startLine;
      return !statementIf && isOperandEnd(prev) ? 'then' : undefined;
    }
  }
  return undefined;
}

/** A token that can end an operand: after it, an expression may be complete. */
const isOperandEnd = (t: IToken) => [T.Identifier, T.Integer, T.Float, T.True, T.False, T.RParen, T.RBracket].includes(t.tokenType);

/** The index of the `{` that the `}` at `close` closes. */
function matchingOpen(tokens: IToken[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (tokens[i].tokenType === T.RBrace) depth++;
    if (tokens[i].tokenType === T.LBrace && --depth === 0) return i;
  }
  return -1;
}

/** `train head (|`: the directive's options not given yet, when the tokens before the `(` are a directive line. */
function directiveOptionItems(head: IToken[]): CompletionItem[] | undefined {
  const word = [...head].reverse().find((t) => t.startLine === head[head.length - 1]?.startLine && directiveWords.has(t.image) && (t === head[0] || head[head.indexOf(t) - 1].startLine !== t.startLine || head[head.indexOf(t) - 1].tokenType === T.Semicolon));
  if (!word) return undefined;
  const options = directiveOptions[word.image as keyof typeof directiveOptions];
  return Object.entries(options).map(([name, o]) => ({ label: name, kind: 'argument' as const, detail: `option of ${word.image}`, documentation: o.doc, insertText: `${name}: ` }));
}

/** `extends Base(|`: the base network's parameters not given new defaults yet. */
function baseParameterItems(base: string, args: IToken[], networks: Map<string, KnownDefinition>): CompletionItem[] {
  const given = new Set(args.filter((t, i) => t.tokenType === T.Identifier && args[i + 1]?.tokenType === T.Equals).map((t) => t.image));
  return (networks.get(base)?.params ?? []).filter((p) => !given.has(p)).map((p) => ({ label: p, kind: 'parameter' as const, detail: `parameter of ${base}`, insertText: `${p} = ` }));
}
