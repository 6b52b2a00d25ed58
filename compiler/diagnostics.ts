// Diagnostics are data: created from the message table, positioned once, never thrown.
import type { Span } from '../grammar/ast.js';
import { messages, type DiagnosticCode } from './diagnostic_messages.js';
import { LineIndex } from './source_text.js';

export interface Location {
  file: string;
  span: Span;
}

export interface RelatedLocation {
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  file: string;
  span: Span;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  hint?: string;
  /** The block call chain (innermost first) and other places the message refers to. */
  related?: RelatedLocation[];
}

/** A related place before it is positioned: `message` like "in block basic, called at". */
export interface RelatedSpan extends Location {
  message: string;
}

/** Collects diagnostics for a set of source files it knows the text of. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  private readonly indexes = new Map<string, LineIndex>();
  /** Same code, place and message: kept once (a block called eight times errs once). */
  private readonly seen = new Set<string>();
  private readonly perCode = new Map<DiagnosticCode, number>();
  /** Per code, how many were left out after the cap, and where the first of them was. */
  private readonly dropped = new Map<DiagnosticCode, { count: number; at: Location }>();
  private droppedErrors = 0;
  /** Every report() call, kept or not: a memoized block call (compiler/incremental/) is one that made none. */
  reports = 0;

  constructor(
    private readonly sources: Map<string, string>,
    private readonly maxPerCode = 50,
  ) {}

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length + this.droppedErrors;
  }

  /** Whether `code` has reached its cap: a caller may skip costly details (suggestions) of what will only be counted. */
  full(code: DiagnosticCode): boolean {
    return (this.perCode.get(code) ?? 0) >= this.maxPerCode;
  }

  report(code: DiagnosticCode, at: Location, args: Record<string, string | number> = {}, related: RelatedSpan[] = []): void {
    this.reports++;
    const spec = messages[code] as { message: (a: typeof args) => string; hint?: (a: typeof args) => string | undefined };
    const span = this.clamp(at.file, at.span);
    const message = spec.message(args);
    const key = `${code}|${at.file}|${span.start}|${span.end}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const count = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, count);
    if (count > this.maxPerCode) {
      const d = this.dropped.get(code);
      if (d) d.count++;
      else this.dropped.set(code, { count: 1, at: { file: at.file, span } });
      this.droppedErrors++;
      return;
    }
    const start = this.position(at.file, span.start);
    const end = this.position(at.file, span.end);
    const hint = spec.hint?.(args);
    this.items.push({
      code,
      severity: 'error',
      file: at.file,
      span,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      message,
      ...(hint ? { hint } : {}),
      ...(related.length > 0
        ? { related: related.map((r) => ({ message: r.message, file: r.file, ...this.position(r.file, r.span.start) })) }
        : {}),
    });
  }

  /** The diagnostics, and one NET4907 "and N more" per code that passed the cap, at the first one left out. */
  final(): { shown: Diagnostic[]; summaries: Diagnostic[] } {
    const summaries = [...this.dropped].map(([code, d]) => {
      const start = this.position(d.at.file, d.at.span.start);
      const end = this.position(d.at.file, d.at.span.end);
      const spec = messages.NET4907;
      const args = { count: d.count, code, limit: this.maxPerCode };
      return { code: 'NET4907' as const, severity: 'error' as const, file: d.at.file, span: d.at.span, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: spec.message(args), hint: spec.hint() };
    });
    return { shown: [...this.items], summaries };
  }

  /** A span inside its file: never past the end, never reversed. */
  private clamp(file: string, span: Span): Span {
    const length = this.sources.get(file)?.length ?? 0;
    const fit = (x: number) => (Number.isFinite(x) ? Math.max(0, Math.min(x, length)) : length);
    const start = fit(span.start);
    return { start, end: Math.max(start, fit(span.end)) };
  }

  /** The text of a known file (memo keys of compiler/incremental/ hold a definition's text). */
  sourceText(file: string): string | undefined {
    return this.sources.get(file);
  }

  /** 1-based line and code-point column of an offset in a known file. */
  position(file: string, offset: number) {
    let index = this.indexes.get(file);
    if (!index) {
      index = new LineIndex(this.sources.get(file) ?? '');
      this.indexes.set(file, index);
    }
    return index.position(offset);
  }
}
