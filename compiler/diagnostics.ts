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

  constructor(private readonly sources: Map<string, string>) {}

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  report(code: DiagnosticCode, at: Location, args: Record<string, string | number> = {}, related: RelatedSpan[] = []): void {
    const spec = messages[code] as { message: (a: typeof args) => string; hint?: (a: typeof args) => string | undefined };
    const start = this.position(at.file, at.span.start);
    const end = this.position(at.file, at.span.end);
    const hint = spec.hint?.(args);
    this.items.push({
      code,
      severity: 'error',
      file: at.file,
      span: at.span,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      message: spec.message(args),
      ...(hint ? { hint } : {}),
      ...(related.length > 0
        ? { related: related.map((r) => ({ message: r.message, file: r.file, ...this.position(r.file, r.span.start) })) }
        : {}),
    });
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
