// The machine section (what the numbers were measured on, and how loaded it was) and the bench table of
// `docs/results/bench_train.json` (bench/train_bench.ts --out) when it exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { int, table } from './markdown_table.js';
import type { MachineInfo } from './machine.js';
import type { NetworkRow } from './network_rows.js';
import { MACHINE_FILE } from './run_record.js';

export interface MachineRecord {
  info: MachineInfo;
  startedAt: string;
}

export function readMachine(runsDir: string): MachineRecord | undefined {
  const path = join(runsDir, MACHINE_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as MachineRecord) : undefined;
}

export function machineSection(machine: MachineRecord | undefined, rows: NetworkRow[]): string {
  if (!machine) return '## Machine\n\nNo `machine.json` in the run directory: nothing was trained yet.';
  const loads = rows.flatMap((r) => r.result?.load ?? []).sort((a, b) => a - b);
  const finished = rows.map((r) => r.result?.finishedAt).filter((d): d is string => d !== undefined).sort();
  const m = machine.info;
  const lines = [
    '## Machine',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores; backend \`${m.backend}\` (this machine's CPU)`,
    `- Node ${m.node}, tfjs ${m.tfjs}`,
    `- trained ${machine.startedAt.slice(0, 16).replace('T', ' ')} UTC` + (finished.length ? ` – ${(finished.at(-1) as string).slice(0, 16).replace('T', ' ')} UTC` : ''),
  ];
  if (loads.length) {
    const median = loads[Math.floor(loads.length / 2)];
    lines.push(`- 1-minute load average while training: median ${median.toFixed(2)}, max ${loads[loads.length - 1].toFixed(2)} (${loads.length} samples; ${m.cores} cores — above ${m.cores} other work shared the CPU, and the speeds are lower for it)`);
  }
  return lines.join('\n');
}

interface BenchRow {
  network: string;
  size: number;
  batch: number;
  backend: string;
  netcTrain: number | null;
  layersTrain: number | null;
  torchTrain: number | null;
  netcInfer: number | null;
  layersInfer: number | null;
  torchInfer: number | null;
}

interface BenchFile {
  machine?: { cpu?: string; cores?: number; load?: unknown };
  torch?: string;
  rows: BenchRow[];
}

const ips = (v: number | null | undefined) => (v === null || v === undefined ? '—' : int(v));
const ratio = (a: number | null, b: number | null) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

/** The training-speed table against PyTorch, or '' when the bench JSON is absent. */
export function benchSection(path: string, link: string): string {
  if (!existsSync(path)) return '';
  const bench = JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
  const rows = bench.rows.map((r) => [
    r.network, `${r.size}×${r.size}`, String(r.batch), r.backend,
    ips(r.netcTrain), ips(r.torchTrain), ratio(r.netcTrain, r.torchTrain), ips(r.layersTrain),
    ips(r.netcInfer), ips(r.torchInfer), ratio(r.netcInfer, r.torchInfer),
  ]);
  const m = bench.machine;
  return [
    '## Training speed against PyTorch',
    '',
    `From [\`${link}\`](${link}) (\`npm run bench:train -- --repeat=N --out=…\`; images/s, medians of the repeats)` +
      (m ? ` on ${m.cpu ?? 'unknown CPU'}, ${m.cores ?? '?'} cores, load ${JSON.stringify(m.load)}` : '') + (bench.torch ? `; ${bench.torch}` : '') + '.',
    '',
    table(['network', 'size', 'batch', 'backend', 'netc train', 'PyTorch train', 'netc / PyTorch', 'tfjs-layers train', 'netc infer', 'PyTorch infer', 'netc / PyTorch'], rows,
      ['l', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
  ].join('\n');
}
