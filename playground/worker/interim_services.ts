// Interim stand-in for compiler/services (contract 1) until wip-services is merged: the same class and
// answer shapes, built from check()/compile() and the op registry. Deleted once the real one lands.
import { check, compile } from '../../compiler/compile.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import type { Ir } from '../../compiler/ir.js';
import { layerRegistry } from '../../compiler/ops/registry.js';
import { product } from '../../compiler/ops/op_spec.js';
import { summarize, type Summary } from '../../compiler/summary.js';
import { netLexer } from '../../grammar/tokens.js';

export interface EditorDiagnostic { file: string; from: number; to: number; severity: 'error' | 'warning'; code: string; message: string; hint?: string;
  related: { file: string; from: number; to: number; line: number; column: number; message: string }[] }
export interface HoverInfo { from: number; to: number; markdown: string; shape?: number[]; params?: number; macs?: number }
export interface CompletionList { from: number; to: number; items: CompletionItem[] }
export interface CompletionItem { label: string; kind: 'layer' | 'argument' | 'block' | 'network' | 'keyword' | 'parameter' | 'let' | 'field' | 'label'; detail?: string; documentation?: string; insertText?: string }
export type TokenClass = 'keyword' | 'layer' | 'name' | 'number' | 'string' | 'comment' | 'operator' | 'punctuation' | 'label' | 'type' | 'invalid';

const KEYWORDS = new Set(['network', 'block', 'import', 'input', 'let', 'repeat', 'in', 'if', 'then', 'else', 'concat', 'branch', 'residual', 'shortcut', 'scale', 'extends', 'and', 'or', 'not', 'true', 'false']);

/** Tokens of the grammar's lexer as highlight classes, plus the comments the lexer skips. */
export function highlightTokens(text: string): { from: number; to: number; tokenClass: TokenClass }[] {
  const out: { from: number; to: number; tokenClass: TokenClass }[] = [];
  for (const t of netLexer.tokenize(text).tokens) {
    const name = t.tokenType.name;
    const tokenClass: TokenClass = KEYWORDS.has(t.image) ? 'keyword' : name === 'Identifier' ? (layerRegistry.has(t.image) ? 'layer' : 'name')
      : name === 'Float' || name === 'Integer' ? 'number' : name === 'StringLiteral' ? 'string' : name === 'Unexpected' || name === 'UnterminatedString' ? 'invalid'
      : /Paren|Brace|Bracket|Comma|Colon|Semicolon|Dot/.test(name) ? 'punctuation' : 'operator';
    out.push({ from: t.startOffset, to: t.startOffset + t.image.length, tokenClass });
  }
  for (const m of text.matchAll(/#[^\n\r]*/g)) if (!out.some((t) => t.from <= m.index && m.index < t.to)) out.push({ from: m.index, to: m.index + m[0].length, tokenClass: 'comment' });
  return out.sort((a, b) => a.from - b.from);
}

const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];

export class LanguageService {
  private readonly files = new Map<string, string>();
  setFile(path: string, text: string): void { this.files.set(path, text); }
  removeFile(path: string): void { this.files.delete(path); }
  private text(path: string): string { return this.files.get(path) ?? ''; }

  diagnostics(path: string): EditorDiagnostic[] {
    const text = this.text(path);
    const starts = lineStarts(text);
    const at = (line: number, column: number) => (starts[line - 1] ?? 0) + column - 1;
    return check(text, { file: path }).diagnostics.map((d: Diagnostic) => ({
      file: d.file, from: d.span.start, to: d.span.end, severity: d.severity, code: d.code, message: d.message, hint: d.hint,
      related: (d.related ?? []).map((r) => ({ ...r, from: at(r.line, r.column), to: at(r.line, r.column) + 1 })),
    }));
  }
  networks(path: string): string[] { return compile(this.text(path), { file: path }).networks; }
  ir(path: string, network?: string): Ir | undefined {
    const networks = this.networks(path);
    return compile(this.text(path), { file: path, network: network ?? networks[networks.length - 1] }).ir;
  }
  summary(path: string, network?: string): Summary | undefined {
    const ir = this.ir(path, network);
    return ir && summarize(ir);
  }

  /** The layers of the offset's line (every call site of a block line): the last one's shape, summed params and MACs. */
  hover(path: string, offset: number): HoverInfo | undefined {
    const text = this.text(path);
    const word = /[A-Za-z_]\w*/g;
    const line = text.slice(0, offset).split('\n').length;
    let span: { from: number; to: number } | undefined;
    for (const m of text.matchAll(word)) if (m.index <= offset && offset <= m.index + m[0].length) span = { from: m.index, to: m.index + m[0].length };
    if (!span) return undefined;
    const ir = this.ir(path);
    const nodes = ir?.nodes.filter((n) => n.source.file === path && n.source.line === line && n.op !== 'input') ?? [];
    if (nodes.length === 0) return undefined;
    const last = nodes[nodes.length - 1];
    const params = nodes.reduce((s, n) => s + n.params.filter((p) => p.trainable).reduce((a, p) => a + product(p.shape), 0), 0);
    const macs = nodes.reduce((s, n) => s + n.macs, 0);
    return { ...span, shape: last.shape, params, macs, markdown: `**${last.op}** → [${last.shape.join(', ')}]\n\nparams ${params}, MACs ${macs}` };
  }

  completions(path: string, offset: number): CompletionList {
    const text = this.text(path);
    const before = text.slice(0, offset);
    const from = offset - (/[A-Za-z_]\w*$/.exec(before)?.[0].length ?? 0);
    const call = /([A-Za-z_]\w*)\(([^()]*)$/.exec(before);
    const op = call ? layerRegistry.get(call[1]) : undefined;
    if (op) return { from, to: offset, items: op.attrs.map((a) => ({ label: a.name, kind: 'argument', detail: a.type, documentation: a.doc, insertText: `${a.name}: ` })) };
    const blocks = [...text.matchAll(/\bblock\s+([A-Za-z_]\w*)/g)].map((m) => m[1]);
    return { from, to: offset, items: [
      ...[...layerRegistry.values()].map((o) => ({ label: o.name, kind: 'layer' as const, documentation: o.doc })),
      ...blocks.map((b) => ({ label: b, kind: 'block' as const })),
      ...[...KEYWORDS].map((k) => ({ label: k, kind: 'keyword' as const })),
    ] };
  }
}
