// The edits that turn one text into another, one per run of changed lines (a line diff): formatting a file
// touches only the lines whose layout changes, so the editor keeps the cursor, folds and marks elsewhere.
// Hand-written (an LCS over lines, ~40 lines) because no diff library is a dependency and lines are all we need.

export interface OffsetEdit {
  from: number;
  to: number;
  newText: string;
}

/** Past this many cells the middle is replaced in one edit (an LCS table of 4 M entries is 16 MB). */
const maxCells = 4_000_000;

/** Lines with their line breaks (`\n`, `\r\n`, `\r`), so joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n\r]*(?:\r\n|\n|\r)|[^\n\r]+$/g) ?? [];
}

export function lineEdits(oldText: string, newText: string): OffsetEdit[] {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const starts = [0];
  for (const line of a) starts.push(starts[starts.length - 1] + line.length);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const edit = (i0: number, i1: number, j0: number, j1: number): OffsetEdit => ({ from: starts[i0], to: starts[i1], newText: b.slice(j0, j1).join('') });
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > maxCells) return [edit(head, head + n, head, head + m)];
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[head + i..] and b[head + j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const edits: OffsetEdit[] = [];
  let i = 0;
  let j = 0;
  let hunk: [number, number] | undefined;
  const close = () => {
    if (hunk && (hunk[0] < i || hunk[1] < j)) edits.push(edit(head + hunk[0], head + i, head + hunk[1], head + j));
    hunk = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      close();
      i++;
      j++;
      continue;
    }
    hunk ??= [i, j];
    if (j >= m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) i++;
    else j++;
  }
  close();
  return edits;
}

/** The edits applied to the text they were made for (all offsets refer to it, as in LSP). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((x, y) => x.from - y.from)) {
    out += text.slice(at, e.from) + e.newText;
    at = e.to;
  }
  return out + text.slice(at);
}
