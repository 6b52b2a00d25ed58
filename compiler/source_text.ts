// Offsets to 1-based line:column, columns counted in code points so Unicode text keeps positions right.

export interface Position {
  line: number;
  column: number;
}

/** Index of the last element of the sorted `xs` that is ≤ `x` (-1 if none). */
function lastAtMost(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Line starts and surrogate pairs, found in one pass when first asked for (so a file that never needs a
 * position pays nothing): a position is then two binary searches, O(log n), however long the line.
 * `\n`, `\r\n` and a lone `\r` each end a line.
 */
export class LineIndex {
  private lineStarts?: number[];
  /** Offsets of the second half of each surrogate pair: each is a code unit that is not a code point. */
  private pairTails?: number[];

  constructor(readonly text: string) {}

  private build(): { starts: number[]; tails: number[] } {
    if (this.lineStarts && this.pairTails) return { starts: this.lineStarts, tails: this.pairTails };
    const starts = [0];
    const tails: number[] = [];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) tails.push(++i);
      }
    }
    this.lineStarts = starts;
    this.pairTails = tails;
    return { starts, tails };
  }

  get lineCount(): number {
    return this.build().starts.length;
  }

  position(offset: number): Position {
    const { starts, tails } = this.build();
    const clamped = Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
    const line = lastAtMost(starts, clamped);
    const start = starts[line];
    // Code points between the line's start and the offset: code units less the pair tails among them.
    const tailsBefore = lastAtMost(tails, clamped - 1) - lastAtMost(tails, start - 1);
    return { line: line + 1, column: clamped - start - tailsBefore + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const { starts } = this.build();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next).replace(/\r?\n$|\r$/, '');
  }
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}
