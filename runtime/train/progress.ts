// Training progress for people: a live bar per epoch on a terminal, one plain line per epoch otherwise.

export interface StepProgress {
  epoch: number;
  epochs: number;
  done: number;
  total: number;
  loss: number;
  accuracy: number;
  imagesPerSec: number;
}

export interface EpochSummary {
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
  imagesPerSec: number;
}

export interface Progress {
  step(p: StepProgress): void;
  epoch(s: EpochSummary): void;
  line(text: string): void;
}

const fmtTime = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`);

export function epochLine(s: EpochSummary): string {
  return `epoch ${String(s.epoch).padStart(String(s.epochs).length)}/${s.epochs}  train loss ${s.trainLoss.toFixed(4)}  train acc ${s.trainAccuracy.toFixed(4)}  test acc ${s.testAccuracy.toFixed(4)}  ${s.seconds.toFixed(1)}s  ${s.imagesPerSec.toFixed(0)} img/s`;
}

/** Where progress goes: a terminal stream in Node (stderr when stdout carries --json). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Writes to `stream` (stderr when stdout carries --json). */
export function createProgress(stream: ProgressStream, quiet = false): Progress {
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  return {
    step(p) {
      if (!tty || quiet) return;
      const now = Date.now();
      if (now - lastDraw < 100 && p.done < p.total) return;
      lastDraw = now;
      const width = 24;
      const filled = Math.round((p.done / p.total) * width);
      const eta = p.imagesPerSec > 0 ? (p.total - p.done) / p.imagesPerSec : 0;
      stream.write(`\r\x1b[2Kepoch ${p.epoch}/${p.epochs} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${p.done}/${p.total}  loss ${p.loss.toFixed(4)}  acc ${p.accuracy.toFixed(4)}  ${p.imagesPerSec.toFixed(0)} img/s  ETA ${fmtTime(eta)}`);
    },
    epoch(s) {
      if (quiet) return;
      stream.write(`${tty ? '\r\x1b[2K' : ''}${epochLine(s)}\n`);
    },
    line(text) {
      if (!quiet) stream.write(`${tty ? '\r\x1b[2K' : ''}${text}\n`);
    },
  };
}
