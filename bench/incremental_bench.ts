// The incremental section of bench:compiler: LanguageService diagnostics + inlay hints (the whole file's) after
// one-character edits of the generated 10,000-line file, per kind of edit, against a from-scratch check().
import type { IncrementalChecker } from '../compiler/incremental/index.js';
import { LanguageService } from '../compiler/services/index.js';

/** One kind of edit: the n-th variant of it (a different place each time, so no two runs edit the same line). */
interface EditKind {
  name: string;
  edit: (text: string, n: number) => string;
}

const insertAt = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);
const replaceAt = (text: string, at: number, length: number, s: string) => text.slice(0, at) + s + text.slice(at + length);

function editKinds(base: string): EditKind[] {
  const network = base.indexOf('\nnetwork ');
  const blockAt = (n: number) => base.indexOf(`\nblock b${(n * 37) % 900 + 5}(`);
  return [
    { name: '(a) block body: `kernel: k` → `kernel: k `', edit: (t, n) => insertAt(t, t.indexOf('kernel: k', blockAt(n)) + 9, ' ') },
    { name: '(a) block body: a digit, `k // 2` → `k // 3`', edit: (t, n) => replaceAt(t, t.indexOf('// 2', blockAt(n)) + 3, 1, '3') },
    { name: '(b) network body: a call `b…(16)` → `b…(16 )`', edit: (t, n) => insertAt(t, t.indexOf('(16)', network + 2000 + n * 3001) + 3, ' ') },
    { name: '(b) network body: a callee digit, `b7(16)` → `b8(16)`', edit: (t, n) => { const at = t.indexOf('  b', network + 2000 + n * 3001) + 3; return replaceAt(t, at, 1, t[at] === '9' ? '8' : String(Number(t[at]) + 1)); } },
    { name: '(c) comment: `# block 5` → `# blocks 5`', edit: (t, n) => insertAt(t, t.indexOf('# block', blockAt(n)) + 7, 's') },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall-clock and CPU time of `f` (a shared machine inflates wall time; CPU time is what the work costs). */
function timed(f: () => void): { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = cpuMs();
  f();
  return { wall: performance.now() - wall, cpu: cpuMs() - cpu };
}

export interface IncrementalResult {
  name: string;
  /** Medians: diagnostics then inlay hints after the edit (wall and CPU), and how the file was parsed. */
  wall: number;
  cpu: number;
  diagnosticsWall: number;
  hintsWall: number;
  parse: string;
}

export function runIncremental(base: string, fromScratchMs: number, runs = 15): IncrementalResult[] {
  const path = 'big.net';
  const service = new LanguageService();
  const checker = () => (service as unknown as { checkers: Map<string, IncrementalChecker> }).checkers.get(path)!;
  const answer = () => {
    const d = timed(() => service.diagnostics(path));
    const h = timed(() => service.inlayHints(path));
    return { d, h };
  };
  service.setFile(path, base);
  answer();
  const kinds = editKinds(base);
  // (d) a syntax error typed into a block (`relu` → `relu(`), (e) the edit that removes it again.
  const broken = (t: string, n: number) => insertAt(t, t.indexOf('  relu\n}', t.indexOf(`\nblock b${(n * 37) % 900 + 5}(`)) + 6, '(');
  const results: IncrementalResult[] = [];
  const measure = (name: string, texts: (n: number) => [before: string, after: string], warm: number) => {
    const samples: { d: { wall: number; cpu: number }; h: { wall: number; cpu: number } }[] = [];
    let parse = '';
    for (let n = 0; n < warm + runs; n++) {
      const [before, after] = texts(n);
      service.setFile(path, before);
      answer();
      service.setFile(path, after);
      const s = answer();
      parse = checker().lastParse.get(path) ?? '';
      if (n >= warm) samples.push(s);
    }
    results.push({
      name,
      wall: median(samples.map((s) => s.d.wall + s.h.wall)),
      cpu: median(samples.map((s) => s.d.cpu + s.h.cpu)),
      diagnosticsWall: median(samples.map((s) => s.d.wall)),
      hintsWall: median(samples.map((s) => s.h.wall)),
      parse,
    });
  };
  for (const kind of kinds) measure(kind.name, (n) => [base, kind.edit(base, n)], 3);
  measure('(d) a syntax error: `relu` → `relu(` in a block', (n) => [base, broken(base, n)], 1);
  measure('(e) the edit that fixes it: `relu(` → `relu`', (n) => [broken(base, n), base], 1);
  console.log(`incremental re-check of the ${base.split('\n').length.toLocaleString('en-US')}-line file, LanguageService diagnostics + inlay hints (whole file) after one edit, median of ${runs} (from-scratch check() in this run: ${fromScratchMs.toFixed(0)} ms):`);
  for (const r of results) {
    console.log(`  ${r.name}: ${r.wall.toFixed(1)} ms (CPU ${r.cpu.toFixed(1)} ms; diagnostics ${r.diagnosticsWall.toFixed(1)} + hints ${r.hintsWall.toFixed(1)}; parsed: ${r.parse}), ${(fromScratchMs / r.wall).toFixed(1)}× faster than from scratch${r.name.startsWith('(d)') || r.name.startsWith('(e)') ? '' : `; target < 100 ms: ${(r.wall / 100).toFixed(2)}× of budget`}`);
  }
  return results;
}
