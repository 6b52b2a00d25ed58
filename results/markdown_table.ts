// Markdown table and number formatting shared by the results page's sections.

/** A GitHub-flavoured table; `|` inside cells is escaped. */
export function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const cell = (c: string) => c.replace(/\|/g, '\\|');
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(cell)).join(' | ')} |`).join('\n');
}

export const acc = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4));
export const acc3 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));

/** 11.2M, 61.7K, 1.23G. */
export function si(v: number): string {
  const units: [number, string][] = [[1e9, 'G'], [1e6, 'M'], [1e3, 'K']];
  for (const [scale, unit] of units) if (Math.abs(v) >= scale) return `${(v / scale).toFixed(v / scale >= 100 ? 0 : v / scale >= 10 ? 1 : 2)}${unit}`;
  return String(v);
}

export const int = (v: number) => Math.round(v).toLocaleString('en-US');
export const minutes = (v: number) => (v < 1 ? v.toFixed(2) : v < 10 ? v.toFixed(1) : v.toFixed(0));
