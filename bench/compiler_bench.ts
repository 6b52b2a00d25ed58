// npm run bench:compiler — median time to parse+check every networks/*.net, a generated 10,000-line file, the
// language service's incremental re-check of it after one-character edits, then the fuzz section (`-- --no-fuzz` skips it).
import { readdirSync, readFileSync } from 'node:fs';
import { check } from '../compiler/compile.js';
import { generatedSource } from './generated_source.js';

const readFile = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}


const files = readdirSync('networks').filter((f) => f.endsWith('.net')).map((f) => `networks/${f}`);
const sources = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
const checkAll = () => {
  for (const [file, text] of sources) {
    const result = check(text, { file, readFile });
    if (result.diagnostics.length > 0) throw new Error(`${file} has diagnostics`);
  }
};
const big = generatedSource();
const checkBig = () => {
  const result = check(big, { file: 'big.net' });
  if (result.diagnostics.length > 0 || result.irs[0].nodes.length < 10_000) throw new Error('generated file did not check clean');
};

const all = time(checkAll, 5, 21);
const bigMs = time(checkBig, 2, 7);
const lines = big.split('\n').length;
console.log(`parse+check all ${files.length} networks/*.net: median ${all.toFixed(1)} ms (target < 50 ms: ${(all / 50).toFixed(2)}× of budget)`);
console.log(`parse+check generated ${lines.toLocaleString('en-US')}-line file: median ${bigMs.toFixed(0)} ms (target < 1000 ms: ${(bigMs / 1000).toFixed(2)}× of budget)`);

// The incremental section (bench/incremental_bench.ts): the language service after one-character edits.
const { runIncremental } = await import('./incremental_bench.js');
runIncremental(big, bigMs);

// The fuzz section (bench/compiler_fuzz.ts): `-- --dist DIR` runs it against another build, `--mutants N`, `--seed S`;
// `--no-fuzz` skips it.
if (process.argv.includes('--no-fuzz')) process.exit(0);
const { runFuzz } = await import('./compiler_fuzz.js');
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const fuzz = await runFuzz(option('--dist') ?? new URL('..', import.meta.url).pathname, Number(option('--seed') ?? 12), Number(option('--mutants') ?? 1500));
process.exitCode = fuzz.failures.length > 0 ? 1 : 0;
