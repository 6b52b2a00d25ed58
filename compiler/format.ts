// `netc fmt`: the canonical layout of a .net file — same tokens, same line structure, canonical spacing.
import type { CstNode } from 'chevrotain';
import { netParser } from '../grammar/parser.js';
import { parse } from './compile.js';
import { DiagnosticBag, type Diagnostic } from './diagnostics.js';
import { defaultLimits } from './limits.js';
import { lexFile } from './parse_file.js';
import { tokenLimitOffset, tokensWithinLimits } from './token_limits.js';
import { formatTokens, type FormatToken } from './format_roles.js';
import { spaceBetween } from './format_space.js';
import { gapParts } from './format_gaps.js';

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };

const indentUnit = '  ';
/** Tokens that may start a line at their statement's depth (no continuation indent). */
const clauseWords = new Set(['Shortcut', 'Else']);
const groupOpens = new Set(['LParen', 'LBracket']);

/**
 * Formats `text`. Like gofmt, the author's line structure stays (a short `residual { conv(c); relu }` stays
 * on one line, a broken argument list stays broken): the formatter re-indents, re-spaces, keeps every
 * comment and collapses blank lines. Only white space changes, so the tokens — and the IR — are the same.
 * A file with syntax errors is refused with their diagnostics.
 */
export function formatSource(text: string, options: { file?: string } = {}): FormatResult {
  const file = options.file ?? 'input.net';
  const cst = concreteTree(file, text);
  if (!cst) return { ok: false, diagnostics: parse(text, { file }).diagnostics };
  const out = new Layout(formatTokens(cst)).render(text);
  return { ok: true, text: out, changed: out !== text };
}

/**
 * The parse tree, or undefined where parse() reports an error: the same checks in the same order (size and
 * token limits before the recursive parser runs), without building the AST — the errors, when there are some,
 * come from parse() itself, so they are exactly netc check's.
 */
function concreteTree(file: string, text: string): CstNode | undefined {
  if (text.length > defaultLimits.maxFileSize || tokenLimitOffset(text, defaultLimits.maxTokens) >= 0) return undefined;
  const bag = new DiagnosticBag(new Map([[file, text]]), defaultLimits.maxDiagnosticsPerCode);
  const lexed = lexFile(file, text, bag);
  if (!lexed.ok || !tokensWithinLimits(file, lexed.tokens, defaultLimits, bag)) return undefined;
  netParser.input = lexed.tokens;
  const cst = netParser.file();
  return netParser.errors.length === 0 ? cst : undefined;
}

/** One pass over the tokens, writing lines; `depth` counts open bodies, `groups` the open ( [ and label {. */
class Layout {
  private readonly lines: string[] = [];
  private line: string | undefined;
  /** The line holds only its indentation so far (kept as a flag: a 300,000-character line must not be rescanned per token). */
  private bare = true;
  private depth = 0;
  /** For each open group, the output line it opened on: a line inside indents once per such line. */
  private readonly groups: number[] = [];
  /** Lines that end with a trailing comment: line index -> where the code before it ends. */
  private readonly trailing = new Map<number, number>();

  constructor(private readonly tokens: FormatToken[]) {}

  render(text: string): string {
    let end = 0;
    let previous: FormatToken | undefined;
    for (const current of this.tokens) {
      this.gap(text.slice(end, current.token.startOffset), previous, current);
      this.emit(current, previous);
      end = current.token.startOffset + current.token.image.length;
      previous = current;
    }
    this.gap(text.slice(end), previous, undefined);
    if (this.line !== undefined) this.lines.push(this.line.trimEnd());
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.alignComments();
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }

  /** The white space and comments between two tokens: line breaks (at most one blank line) and comments. */
  private gap(gap: string, previous: FormatToken | undefined, next: FormatToken | undefined): void {
    const { breaks, comments } = gapParts(gap);
    let afterOpen = previous?.role === 'bodyOpen';
    comments.forEach((comment, k) => {
      if (breaks[k] === 0 && this.line !== undefined) {
        this.line = this.line.trimEnd();
        this.trailing.set(this.lines.length, this.line.length);
        this.line += ' ' + comment;
      } else {
        this.breakLines(breaks[k], afterOpen);
        this.line = this.indent(next, false) + comment;
        this.bare = false;
        afterOpen = false;
      }
    });
    const last = breaks[comments.length];
    if (next && last > 0) {
      const beforeClose = next.role === 'bodyClose';
      this.breakLines(last, afterOpen || beforeClose);
      this.line = this.indent(next, true);
      this.bare = true;
    }
  }

  /** Ends the current line after `count` line breaks: one blank line at most, none at a body's edge or the file's start. */
  private breakLines(count: number, edge: boolean): void {
    if (this.line === undefined) return;
    this.lines.push(this.line.trimEnd());
    const blank = Math.min(count, edge ? 1 : 2) - 1;
    for (let i = 0; i < blank; i++) this.lines.push('');
    this.line = '';
    this.bare = true;
  }

  private emit(current: FormatToken, previous: FormatToken | undefined): void {
    const type = current.token.tokenType.name;
    if (current.role === 'bodyClose') this.depth--;
    if (type === 'RParen' || type === 'RBracket' || current.role === 'labelClose') this.groups.pop();
    if (this.line === undefined) this.line = this.indent(current, true);
    else if (previous && !this.bare) this.line += spaceBetween(previous, current);
    this.line += current.token.image;
    this.bare = false;
    if (current.role === 'bodyOpen') this.depth++;
    if (groupOpens.has(type) || current.role === 'labelOpen') this.groups.push(this.lines.length);
  }

  /**
   * Trailing comments on consecutive lines of one indentation start in one column, one space after the
   * longest code (as gofmt aligns them); a lone trailing comment is one space after its code.
   */
  private alignComments(): void {
    const indentOf = (i: number) => /^ */.exec(this.lines[i])![0].length;
    for (let i = 0; i < this.lines.length; ) {
      let j = i;
      while (this.trailing.has(i) && this.trailing.has(j + 1) && indentOf(j + 1) === indentOf(i)) j++;
      if (j > i) {
        const width = Math.max(...[...Array(j - i + 1).keys()].map((k) => this.trailing.get(i + k)!));
        for (let k = i; k <= j; k++) {
          const code = this.trailing.get(k)!;
          this.lines[k] = this.lines[k].slice(0, code).padEnd(width) + this.lines[k].slice(code);
        }
      }
      i = j + 1;
    }
  }

  /** The indentation of a line that starts with `token` (a comment line: `asToken` false, so a `}` next does not dedent it). */
  private indent(token: FormatToken | undefined, asToken: boolean): string {
    if (!token) return indentUnit.repeat(this.depth);
    const type = token.token.tokenType.name;
    const closes = asToken && (type === 'RParen' || type === 'RBracket' || token.role === 'labelClose');
    const depth = this.depth - (asToken && token.role === 'bodyClose' ? 1 : 0);
    const open = closes ? this.groups.slice(0, -1) : this.groups;
    let continuation = new Set(open).size;
    const startsLine = token.starter || token.role === 'bodyOpen' || token.role === 'bodyClose' || clauseWords.has(type);
    if (continuation === 0 && !startsLine && !(closes && open.length < this.groups.length)) continuation = 1;
    return indentUnit.repeat(depth + continuation);
  }
}
