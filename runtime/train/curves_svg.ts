// curves.svg: per epoch, train loss (its own panel and axis) above train and test accuracy (a tight round domain
// within 0–1), with d3-scale's round ticks, a legend, and the best epoch marked (a dot and its label).
import { scaleLinear } from 'd3-scale';
import { bestEpoch } from './best_epoch.js';

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface CurvesOptions {
  /** What testAccuracy was measured on: 'test' (default) or 'val' (--val-split); names the curve and the best epoch. */
  evalName?: 'test' | 'val';
}

const WIDTH = 480;
const MARGIN = { left: 52, right: 16, top: 28, bottom: 36 };
const LOSS_H = 120;
const ACC_H = 150;
const GAP = 34;

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const finite = (values: number[]) => values.filter((v) => Number.isFinite(v));

export function curvesSvg(points: EpochPoint[], title: string, options: CurvesOptions = {}): string {
  const evalName = options.evalName ?? 'test';
  const epochs = Math.max(1, ...points.map((p) => p.epoch));
  const first = Math.min(epochs, ...points.map((p) => p.epoch));
  const x = scaleLinear()
    .domain(first === epochs ? [first - 1, epochs] : [first, epochs])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const xTicks = x.ticks(Math.min(10, epochs)).filter((e) => Number.isInteger(e) && e >= 1);
  const losses = finite(points.map((p) => p.trainLoss));
  const lossTop = MARGIN.top;
  const loss = scaleLinear()
    .domain([0, Math.max(1e-3, ...losses)])
    .nice(5)
    .range([lossTop + LOSS_H, lossTop]);
  const accuracies = finite(points.flatMap((p) => [p.trainAccuracy, p.testAccuracy]));
  const accTop = lossTop + LOSS_H + GAP;
  const lowAcc = accuracies.length ? Math.min(...accuracies) : 0;
  const highAcc = accuracies.length ? Math.max(...accuracies) : 1;
  const acc = scaleLinear()
    .domain([Math.max(0, lowAcc - 0.02), Math.min(1, highAcc + 0.02)])
    .nice(5)
    .range([accTop + ACC_H, accTop]);
  acc.domain([Math.max(0, acc.domain()[0]), Math.min(1, acc.domain()[1])]);
  const height = accTop + ACC_H + MARGIN.bottom;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
  ];
  const panel = (y: typeof loss, name: string, format: (v: number) => string) => {
    const [bottom, top] = y.range();
    out.push(`<g class="panel" data-axis="${name}">`);
    for (const v of y.ticks(5)) out.push(`<line x1="${MARGIN.left}" y1="${y(v).toFixed(1)}" x2="${WIDTH - MARGIN.right}" y2="${y(v).toFixed(1)}" stroke="#eee"/>`, `<text class="tick" x="${MARGIN.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${format(v)}</text>`);
    out.push(
      `<line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#333"/>`,
      `<line x1="${MARGIN.left}" y1="${top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`,
      `<text x="14" y="${((top + bottom) / 2).toFixed(1)}" text-anchor="middle" transform="rotate(-90 14 ${((top + bottom) / 2).toFixed(1)})">${name}</text>`,
    );
    for (const e of xTicks) out.push(`<text class="tick" x="${x(e).toFixed(1)}" y="${bottom + 14}" text-anchor="middle">${e}</text>`);
    out.push('</g>');
  };
  panel(loss, 'loss', loss.tickFormat(5));
  panel(acc, 'accuracy', acc.tickFormat(5));
  out.push(`<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${height - 6}" text-anchor="middle">epoch</text>`);
  const series = [
    { key: 'trainLoss', label: 'train loss', color: '#1f77b4', dash: '', y: loss },
    { key: 'trainAccuracy', label: 'train acc', color: '#ff7f0e', dash: '6 4', y: acc },
    { key: 'testAccuracy', label: `${evalName} acc`, color: '#2ca02c', dash: '2 3', y: acc },
  ] as const;
  series.forEach((s) => {
    const pts = points.filter((p) => Number.isFinite(p[s.key]));
    if (pts.length > 0) {
      const clamp = (v: number) => Math.min(Math.max(v, s.y.domain()[0]), s.y.domain()[1]);
      const path = pts.map((p) => `${x(p.epoch).toFixed(1)},${s.y(clamp(p[s.key])).toFixed(1)}`).join(' ');
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}" points="${path}"/>`);
      for (const p of pts) out.push(`<circle cx="${x(p.epoch).toFixed(1)}" cy="${s.y(clamp(p[s.key])).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    }
    // The legend sits in the panel of its curve (loss top, accuracies bottom), at the right.
    const ly = (s.key === 'trainLoss' ? lossTop : accTop) + 8 + (s.key === 'testAccuracy' ? 15 : 0);
    out.push(`<line x1="${WIDTH - 110}" y1="${ly}" x2="${WIDTH - 86}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`, `<text x="${WIDTH - 80}" y="${ly + 4}">${s.label}</text>`);
  });
  const best = bestEpoch(points.filter((p) => Number.isFinite(p.testAccuracy)));
  if (best) {
    const bx = x(best.epoch);
    const by = acc(best.accuracy);
    const anchor = bx > WIDTH - 140 ? 'end' : 'start';
    out.push(
      `<g class="best" data-epoch="${best.epoch}">`,
      `<circle cx="${bx.toFixed(1)}" cy="${by.toFixed(1)}" r="5" fill="none" stroke="#d62728" stroke-width="2"/>`,
      `<text x="${(bx + (anchor === 'end' ? -8 : 8)).toFixed(1)}" y="${(by + 16).toFixed(1)}" text-anchor="${anchor}" fill="#d62728">best ${evalName} acc ${best.accuracy.toFixed(4)} (epoch ${best.epoch})</text>`,
      '</g>',
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
