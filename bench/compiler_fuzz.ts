// The fuzz section of bench:compiler: every case compiled in a child process, timed, its memory measured.
// node dist/bench/compiler_fuzz.js [--dist DIR] [--mutants N] [--seed S]  (DIR: another build, e.g. /tmp/before/dist)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hostileCases, mutants, type FuzzCase } from './fuzz_cases.js';

/** The target of issue #12: every input ≤ 4 MiB answers within these, with a located diagnostic or an IR. */
export const budget = { ms: 2000, mb: 512 };

export interface CaseResult {
  i: number;
  /** Wall-clock time, and the CPU time of the process over the case (the budget's measure: a shared machine inflates wall time). */
  ms: number;
  cpuMs: number;
  /** Peak resident memory of the process that ran the case (its own process for a heavy case), MB. */
  peakMb: number;
  /** Heap growth over the case (before any collection), MB. */
  heapMb: number;
  problem?: string;
}

export function fuzzCases(seed: number, mutantCount: number): FuzzCase[] {
  const dir = 'networks';
  const seeds = readdirSync(dir).filter((f) => f.endsWith('.net')).map((f) => ({ name: f, source: readFileSync(`${dir}/${f}`, 'utf8') }));
  return [...hostileCases(seed), ...mutants(seeds, mutantCount, seed)];
}

type Compiler = {
  compile(source: string, options: object): { ir?: unknown; diagnostics: { span: { start: number; end: number }; line: number; column: number; code: string }[] };
  tokenize(source: string, options: object): { tokens: unknown[]; diagnostics: { span: { start: number; end: number }; line: number; column: number; code: string }[] };
};

/** What is wrong with an answer: no answer at all, or a diagnostic placed outside the file. */
export function answerProblem(c: FuzzCase, source: string, result: ReturnType<Compiler['compile']>): string | undefined {
  if (!Array.isArray(result.diagnostics)) return 'no diagnostics array';
  if (c.entry !== 'tokenize' && result.ir === undefined && result.diagnostics.length === 0) return 'neither IR nor diagnostics';
  const bad = result.diagnostics.find((d) => !(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= source.length && d.line >= 1 && d.column >= 1));
  return bad ? `${bad.code} not located within the file: span ${JSON.stringify(bad.span)} in ${source.length} characters, ${bad.line}:${bad.column}` : undefined;
}

/** Child: runs cases [from, to) with the compiler of `dist`, printing one JSON line per case. */
async function child(dist: string, seed: number, mutantCount: number, from: number, to: number): Promise<void> {
  const compiler = (await import(pathToFileURL(resolve(dist, 'compiler/compile.js')).href)) as Compiler;
  const cases = fuzzCases(seed, mutantCount);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = from; i < to; i++) {
    const c = cases[i];
    const source = c.make();
    gc?.();
    const heap = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let problem: string | undefined;
    try {
      const options = { file: 'fuzz.net', readFile: () => undefined };
      const result = c.entry === 'tokenize' ? compiler.tokenize(source, options) : compiler.compile(source, options);
      problem = answerProblem(c, source, result as ReturnType<Compiler['compile']>);
    } catch (error) {
      problem = `exception: ${String(error).split('\n')[0].slice(0, 120)}`;
    }
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - heap) / 2 ** 20;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ i, ms, cpuMs, heapMb, peakMb, ...(problem ? { problem } : {}) } satisfies CaseResult) + '\n');
  }
}

/** Runs cases [from, to) in one child; a case that kills it or runs past `timeoutMs` is a failure, the rest go on. */
function runChild(dist: string, seed: number, mutantCount: number, from: number, to: number, timeoutMs: number): Promise<CaseResult[]> {
  return new Promise((done) => {
    const script = fileURLToPath(import.meta.url);
    const args = ['--expose-gc', `--max-old-space-size=${budget.mb}`, script, '--child', dist, String(seed), String(mutantCount), String(from), String(to)];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const results: CaseResult[] = [];
    let buffer = '';
    let stderr = '';
    let started = performance.now();
    const watchdog = setInterval(() => {
      if (performance.now() - started > timeoutMs) proc.kill('SIGKILL');
    }, 100);
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        results.push(JSON.parse(buffer.slice(0, nl)) as CaseResult);
        buffer = buffer.slice(nl + 1);
        started = performance.now();
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    proc.on('close', (code, signal) => {
      clearInterval(watchdog);
      const next = from + results.length;
      if (next < to) {
        const ms = performance.now() - started;
        const reason = signal === 'SIGKILL' && ms >= timeoutMs ? `no answer after ${(ms / 1000).toFixed(0)} s` : `process died (${signal ?? `exit ${code}`}): ${/Fatal[^\n]*|RangeError[^\n]*|heap out of memory/.exec(stderr)?.[0] ?? stderr.split('\n').find((l) => l.trim()) ?? ''}`;
        results.push({ i: next, ms, cpuMs: ms, heapMb: 0, peakMb: 0, problem: reason });
      }
      done(results);
    });
  });
}

export interface FuzzSummary {
  cases: number;
  failures: { name: string; reason: string }[];
  slowest: { name: string; ms: number; wall: number };
  peak: { name: string; mb: number };
  maxHeapGrowth: { name: string; mb: number };
}

export async function runFuzz(dist: string, seed = 12, mutantCount = 1500, log = (line: string) => console.log(line)): Promise<FuzzSummary> {
  const cases = fuzzCases(seed, mutantCount);
  const results: CaseResult[] = [];
  const timeoutMs = 30_000;
  // Heavy cases one per process (their peak memory is theirs); light ones in batches, restarted after a death.
  let i = 0;
  while (i < cases.length) {
    const heavy = cases[i].heavy === true;
    let end = i + 1;
    while (!heavy && end < cases.length && !cases[end].heavy && end - i < 400) end++;
    const batch = await runChild(dist, seed, mutantCount, i, end, timeoutMs);
    results.push(...batch);
    i = batch.length > 0 ? batch.at(-1)!.i + 1 : i + 1;
  }
  const failures: FuzzSummary['failures'] = [];
  let slowest = { name: '', ms: -1, wall: -1 };
  let peak = { name: '', mb: -1 };
  let growth = { name: '', mb: -1 };
  for (const r of results) {
    const c = cases[r.i];
    const heavy = c.heavy === true;
    const reasons = [r.problem, r.cpuMs > budget.ms ? `${r.cpuMs.toFixed(0)} ms CPU (${r.ms.toFixed(0)} ms wall)` : undefined, heavy && r.peakMb > budget.mb ? `peak ${r.peakMb.toFixed(0)} MB` : undefined, r.heapMb > budget.mb ? `heap grew ${r.heapMb.toFixed(0)} MB` : undefined].filter(Boolean);
    if (reasons.length > 0) failures.push({ name: c.name, reason: reasons.join('; ') });
    if (!r.problem?.startsWith('no answer') && r.cpuMs > slowest.ms) slowest = { name: c.name, ms: r.cpuMs, wall: r.ms };
    if (heavy && r.peakMb > peak.mb) peak = { name: c.name, mb: r.peakMb };
    if (r.heapMb > growth.mb) growth = { name: c.name, mb: r.heapMb };
  }
  log(`fuzz (${dist}, seed ${seed}): ${cases.length} cases (${cases.length - mutantCount} hostile, each in its own process, up to 4 MiB; ${mutantCount} mutants of networks/*.net)`);
  log(`  failures (exception, crash, no answer in 30 s, unlocated diagnostic, > ${budget.ms} ms CPU, heap past ${budget.mb} MB): ${failures.length}`);
  for (const f of failures.slice(0, 40)) log(`    ${f.name}: ${f.reason}`);
  if (failures.length > 40) log(`    … and ${failures.length - 40} more`);
  log(`  slowest: ${slowest.name} ${slowest.ms.toFixed(0)} ms CPU (${slowest.wall.toFixed(0)} ms wall); peak memory: ${peak.name} ${peak.mb.toFixed(0)} MB RSS; largest heap growth: ${growth.name} ${growth.mb.toFixed(0)} MB`);
  return { cases: cases.length, failures, slowest, peak, maxHeapGrowth: growth };
}

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') {
    const [dist, seed, count, from, to] = process.argv.slice(3);
    await child(dist, Number(seed), Number(count), Number(from), Number(to));
  } else {
    const summary = await runFuzz(flag('--dist') ?? resolve(fileURLToPath(import.meta.url), '../..'), Number(flag('--seed') ?? 12), Number(flag('--mutants') ?? 1500));
    process.exitCode = summary.failures.length > 0 ? 1 : 0;
  }
}
