// node dist/bench/graph_bench.js [FILE…] — time to build, lay out (ELK, in Node) and render each network's graph,
// default (repeated blocks folded) and fully expanded; the target: DenseNet and GoogLeNet under 2 s.
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from '../compiler/compile.js';
import { buildGraph, createElk, layoutGraph, renderSvg } from '../graph/index.js';

const readFile = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall and CPU milliseconds of one call (CPU: this process's user + system, robust to a busy machine). */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, value };
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync('networks').filter((f) => f.endsWith('.net')).sort().map((f) => `networks/${f}`);
const runs = 5;
const elk = createElk();

// The first layout in a process also loads and compiles elkjs (what one `netc graph` pays): timed on its own.
const first = compile(readFileSync('networks/densenet.net', 'utf8'), { file: 'networks/densenet.net', readFile }).ir!;
const cold = await measure(() => layoutGraph(buildGraph(first, { expanded: 'all' }), elk));
console.log(`first layout in a fresh process (loads elkjs): DenseNet expanded ${cold.wall.toFixed(0)} ms wall, ${cold.cpu.toFixed(0)} ms CPU\n`);

const header = ['network', 'mode', 'nodes', 'edges', 'build ms', 'layout ms (wall)', 'layout ms (CPU)', 'svg ms', 'total ms', 'svg KiB'];
const rows: string[][] = [];
for (const file of files) {
  const ir = compile(readFileSync(file, 'utf8'), { file, readFile }).ir;
  if (!ir) throw new Error(`${file} does not compile`);
  for (const expanded of [undefined, 'all'] as const) {
    const build: number[] = [];
    const wall: number[] = [];
    const cpu: number[] = [];
    const svg: number[] = [];
    let size = 0;
    let shape = [0, 0];
    for (let i = 0; i < runs; i++) {
      const b = await measure(() => buildGraph(ir, { expanded }));
      const l = await measure(() => layoutGraph(b.value, elk));
      const s = await measure(() => renderSvg(l.value));
      build.push(b.wall), wall.push(l.wall), cpu.push(l.cpu), svg.push(s.wall);
      size = s.value.length;
      shape = [b.value.nodes.length, b.value.edges.length];
    }
    const total = median(build) + median(wall) + median(svg);
    rows.push([ir.network, expanded ?? 'default', `${shape[0]}`, `${shape[1]}`, median(build).toFixed(1), median(wall).toFixed(0), median(cpu).toFixed(0), median(svg).toFixed(1), total.toFixed(0), (size / 1024).toFixed(0)]);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(`\nmedian of ${runs} runs each, after the first layout above; nodes: drawn (layers + folded groups)`);
