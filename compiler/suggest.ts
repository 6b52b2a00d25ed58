// "Did you mean": the closest known name, offered only when the difference looks like a typo or a PyTorch habit.

/** Optimal string alignment distance: Levenshtein plus swaps of neighbours, so `rleu` is one edit from `relu`. */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

const digitsOnly = (s: string) => /^\d+$/.test(s);
const withoutDigits = (s: string) => s.replace(/\d+/g, '');

/**
 * A typo changes a few letters of a word and keeps most of it: the same first letter, at most one edit per
 * four characters (at least one), fewer edits than half the shorter word (so `x` is not "corrected" to `y`),
 * and not digits alone — `relu6`, `conv3` and `stage2` name other things than `relu`, `conv1` and `stage1`.
 */
export function isLikelyTypo(name: string, candidate: string): boolean {
  const a = name.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return true;
  if (withoutDigits(a) === withoutDigits(b)) return false;
  // The first letter is the one least often mistyped: `gelu`, `selu` and `elu` are other functions than `relu`.
  const sameStart = a[0] === b[0] || (a[0] === b[1] && a[1] === b[0]);
  const d = editDistance(a, b);
  return sameStart && d <= Math.max(1, Math.floor(a.length / 4)) && 2 * d < Math.min(a.length, b.length);
}

/**
 * PyTorch habits: a known name plus a word, as `padding` for pad, `kernel_size` for kernel, `num_classes` for
 * classes, `Conv2d` for conv — but not plus a number (`relu6` is not `relu`).
 */
function isExtension(name: string, candidate: string): boolean {
  const a = name.toLowerCase();
  const c = candidate.toLowerCase();
  if (c.length < 3) return false;
  const rest = a.startsWith(c) ? a.slice(c.length) : a.endsWith(c) ? a.slice(0, a.length - c.length) : a.length >= 3 && c.startsWith(a) ? c.slice(a.length) : undefined;
  return rest !== undefined && rest !== '' && !digitsOnly(rest);
}

/** The nearest candidate that is a likely typo of `name`, else one that `name` extends; undefined if none. */
export function suggest(name: string, iterable: Iterable<string>): string | undefined {
  if (name.length > 64) return undefined;
  const candidates = [...iterable].filter((c) => c.length <= 64);
  const lower = name.toLowerCase();
  const byDistance = candidates.map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) })).sort((x, y) => x.d - y.d);
  return byDistance.find(({ c }) => isLikelyTypo(name, c))?.c ?? candidates.find((c) => isExtension(name, c));
}
