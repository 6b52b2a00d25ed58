// "Did you mean": the closest known name by edit distance, if it is close enough to be a likely typo.

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export function suggest(name: string, iterable: Iterable<string>): string | undefined {
  const candidates = [...iterable];
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.length > 64) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  if (bestDistance <= allowed) return best;
  // PyTorch habits: `padding` for pad, `kernel_size` for kernel, `num_classes` for classes.
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c.length >= 3 && (lower.startsWith(c) || lower.endsWith(c) || (lower.length >= 3 && c.startsWith(lower)))) return candidate;
  }
  return undefined;
}
