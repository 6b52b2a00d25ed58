// Offsets ↔ 1-based line:column (code-point columns, as the compiler's diagnostics), and the AST node under an offset.
import type { CallStmt, Definition, FileAst, Stmt } from '../../grammar/ast.js';
import { walkStatements } from '../statement_walk.js';

export { walkStatements };

/** Line starts of a text (`\n`, `\r\n` and a lone `\r` end a line, as compiler/source_text.ts). */
export class LineMap {
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** 0-based index of the line holding `offset`. */
  lineIndexOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** 1-based line and code-point column of an offset. */
  position(offset: number): { line: number; column: number } {
    const index = this.lineIndexOf(offset);
    return { line: index + 1, column: codePoints(this.text, this.starts[index], offset) + 1 };
  }

  /** The offset of a 1-based line and code-point column (clamped to the line). */
  offsetAt(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
    let offset = start;
    for (let n = 1; n < column && offset < this.lineEnd(line - 1); n++) offset += isPairHead(this.text, offset) ? 2 : 1;
    return offset;
  }

  /** The end of a 0-based line's text, before its line break. */
  lineEnd(index: number): number {
    const next = this.starts[index + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }
}

const isPairHead = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
};

function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++, n++) if (isPairHead(text, i) && i + 1 < to) i++;
  return n;
}

/** The end of the name starting at `offset` (a call, a label), or offset + 1 when none starts there. */
export function wordEnd(text: string, offset: number): number {
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(offset, offset + 200));
  return offset + (match ? match[0].length : Math.min(1, text.length - offset));
}


/** Every call statement of a definition (layers and block calls). */
export function callsOf(def: Definition): CallStmt[] {
  const calls: CallStmt[] = [];
  walkStatements(def.body, (s) => {
    if (s.kind === 'call') calls.push(s);
  });
  return calls;
}

const inside = (span: { start: number; end: number }, offset: number) => span.start <= offset && offset <= span.end;

/** What an offset points at: a call's name, one of its argument names, or a definition's name. */
export type NodeAt =
  | { kind: 'call'; def: Definition; call: CallStmt }
  | { kind: 'argument'; def: Definition; call: CallStmt; name: string; span: { start: number; end: number } }
  | { kind: 'definition'; def: Definition }
  /** A label of a statement that is not a call (`stem: { … }`, `stage1: repeat 2 { … }`). */
  | { kind: 'label'; def: Definition; label: string; span: { start: number; end: number } };

export function nodeAt(ast: FileAst, offset: number): NodeAt | undefined {
  const def = ast.definitions.find((d) => inside(d.span, offset) || inside(d.nameSpan, offset));
  if (!def) return undefined;
  if (inside(def.nameSpan, offset)) return { kind: 'definition', def };
  let found: NodeAt | undefined;
  walkStatements(def.body, (s) => {
    if (s.kind !== 'labeled' || !inside(s.labelSpan, offset)) return;
    // A labelled call is its call (the label names that layer or block run).
    const inner = s.statement;
    found = inner.kind === 'call' ? { kind: 'call', def, call: inner } : { kind: 'label', def, label: s.label, span: s.labelSpan };
  });
  if (found) return found;
  for (const call of callsOf(def)) {
    if (inside(call.nameSpan, offset)) found = { kind: 'call', def, call };
    for (const arg of call.args) {
      if (arg.name && arg.nameSpan && inside(arg.nameSpan, offset)) found = { kind: 'argument', def, call, name: arg.name, span: arg.nameSpan };
    }
  }
  return found;
}
