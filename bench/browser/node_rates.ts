// bench:browser's Node column: the same netc measurement (Model, Optimizer, trainStep) in Node on this
// machine, on the backend `netc train --backend auto` picks here.
import { readFileSync } from 'node:fs';
import { startBackend } from '../../runtime/backends/start_backend.js';
import { netcRates, type Rates } from './measure.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function nodeRates(networks: { name: string; file: string }[], batch: number, timed: number, repeat: number) {
  const info = await startBackend('auto');
  const rows: (Rates & { name: string })[] = [];
  for (const net of networks) {
    const runs: Rates[] = [];
    for (let r = 0; r < repeat; r++) runs.push(await netcRates(readFileSync(net.file, 'utf8'), batch, timed));
    rows.push({ name: net.name, train: median(runs.map((x) => x.train)), infer: median(runs.map((x) => x.infer)), firstTrainMs: median(runs.map((x) => x.firstTrainMs)) });
  }
  return { backend: info.backend, adapter: info.adapter, rows };
}
