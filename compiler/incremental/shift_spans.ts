// Moving the spans of reused AST nodes after an edit by its length delta, in place: a reused node belongs to
// the new version from then on (the previous version's AST is not kept: compiler/incremental/incremental_parse.ts).
// Generic over the AST's shape (every Span is an object with numeric `start` and `end`), so new node kinds need nothing here.

export function shiftSpans<T>(value: T, delta: number): T {
  if (delta !== 0) shift(value, delta);
  return value;
}

function shift(value: unknown, delta: number): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') shift(v, delta);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    o.start += delta;
    o.end = (o.end as number) + delta;
    return;
  }
  for (const key in o) {
    const v = o[key];
    if (v !== null && typeof v === 'object') shift(v, delta);
  }
}
