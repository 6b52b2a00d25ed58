// gradients.svg (--trace-grad): a heatmap of layers (rows, the input's layer at the top) × traced steps
// (columns), coloured by log10 of each layer's gradient norm (viridis), with a legend of round ticks; and a second
// panel of the fraction of saturated (sigmoid/tanh) or dead (relu) units of the activation each layer feeds.
import { scaleLinear, scaleLog, scaleSequential, scaleSequentialLog } from 'd3-scale';
import { interpolateViridis, interpolateMagma } from 'd3-scale-chromatic';
import type { TraceRecord } from './grad_trace.js';

const CELL_H = 16;
const LEGEND_W = 220;

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The layer names in the order of their first appearance (the network's order: input side first). */
function layerNames(traces: readonly TraceRecord[]): string[] {
  const names: string[] = [];
  for (const t of traces) for (const l of t.layers) if (!names.includes(l.name)) names.push(l.name);
  return names;
}

interface Panel {
  title: string;
  rowClass: string;
  value: (layer: TraceRecord['layers'][number]) => number;
  color: (v: number) => string;
  /** Legend ticks (round values) and where each sits along the legend's 0–1 length. */
  ticks: { value: number; at: number; label: string }[];
  ramp: (t: number) => string;
}

export function gradientHeatmapSvg(traces: readonly TraceRecord[], title: string): string {
  const names = layerNames(traces);
  const label = Math.max(84, ...names.map((n) => n.length * 6.6 + 12));
  const cellW = Math.max(3, Math.min(24, 560 / Math.max(1, traces.length)));
  const gridW = cellW * traces.length;
  const width = Math.max(label + gridW + 24, label + LEGEND_W + 80, label + 400, title.length * 6.6 + 20);
  const norms = traces.flatMap((t) => t.layers.map((l) => l.gradNorm)).filter((g) => Number.isFinite(g) && g > 0);
  const low = norms.length > 0 ? Math.min(...norms) : 1e-3;
  const high = norms.length > 0 ? Math.max(...norms) : 1;
  const [lo, hi] = low === high ? [low / 10, high * 10] : [low, high];
  const gradColor = scaleSequentialLog(interpolateViridis).domain([lo, hi]);
  const gradAxis = scaleLog().domain([lo, hi]);
  const gradFormat = gradAxis.tickFormat(Infinity, '~e');
  // Round ticks: the powers of ten when the norms span two or more, else d3's 1-2-5 ticks within the decade.
  const powers = gradAxis.ticks().filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  const gradTicks = powers.length >= 2 ? powers.filter((_, i, all) => all.length <= 7 || i % Math.ceil(all.length / 7) === 0) : gradAxis.ticks(4);
  const fracColor = scaleSequential((t: number) => interpolateMagma(1 - 0.9 * t)).domain([0, 1]); // 0: pale, 1: dark
  const fracAxis = scaleLinear().domain([0, 1]);
  const panels: Panel[] = [
    {
      title: 'gradient norm of the weights (L2, colour: log10)',
      rowClass: 'grad-row',
      value: (l) => l.gradNorm,
      color: (v) => (Number.isFinite(v) && v > 0 ? gradColor(v) : '#ccc'),
      ticks: gradTicks.map((v) => ({ value: v, at: (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)), label: gradFormat(v) })),
      ramp: (t) => gradColor(10 ** (Math.log10(lo) + t * (Math.log10(hi) - Math.log10(lo)))),
    },
    {
      title: 'fraction of the activation saturated (sigmoid, tanh) or dead (relu)',
      rowClass: 'act-row',
      value: (l) => Math.max(l.saturated, l.dead),
      color: (v) => (Number.isFinite(v) ? fracColor(v) : '#ccc'),
      ticks: fracAxis.ticks(4).map((v) => ({ value: v, at: v, label: fracAxis.tickFormat(4)(v) })),
      ramp: (t) => fracColor(t),
    },
  ];
  const panelH = 22 + names.length * CELL_H + 20 + 40;
  const height = 30 + panels.length * panelH + 10;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height}" viewBox="0 0 ${width.toFixed(0)} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${(width / 2).toFixed(1)}" y="16" text-anchor="middle" font-size="12">${escapeXml(title)}</text>`,
  ];
  const labelEvery = Math.max(1, Math.ceil(traces.length / 8));
  panels.forEach((panel, p) => {
    const top = 30 + p * panelH;
    const gridTop = top + 22;
    out.push(`<g class="panel">`, `<text x="${label}" y="${top + 12}">${escapeXml(panel.title)}</text>`);
    out.push(`<text x="4" y="${gridTop - 4}" fill="#555">input side ↓</text>`);
    names.forEach((name, r) => {
      const y = gridTop + r * CELL_H;
      out.push(`<g class="${panel.rowClass}" data-layer="${escapeXml(name)}">`, `<text x="${label - 6}" y="${y + CELL_H - 4}" text-anchor="end">${escapeXml(name)}</text>`);
      traces.forEach((t, c) => {
        const layer = t.layers.find((l) => l.name === name);
        const v = layer ? panel.value(layer) : NaN;
        out.push(`<rect x="${(label + c * cellW).toFixed(2)}" y="${y}" width="${cellW.toFixed(2)}" height="${CELL_H}" fill="${panel.color(v)}"><title>${escapeXml(name)} step ${t.step}: ${Number.isFinite(v) ? v.toPrecision(3) : 'n/a'}</title></rect>`);
      });
      out.push('</g>');
    });
    const axisY = gridTop + names.length * CELL_H;
    traces.forEach((t, c) => {
      if (c % labelEvery === 0 || c === traces.length - 1) out.push(`<text x="${(label + (c + 0.5) * cellW).toFixed(1)}" y="${axisY + 12}" text-anchor="middle" fill="#555">${t.step}</text>`);
    });
    out.push(`<text x="${(label + gridW / 2).toFixed(1)}" y="${axisY + 24}" text-anchor="middle">step</text>`);
    // The legend: a ramp of 32 stops and the round ticks under it.
    const ly = axisY + 32;
    const lx = label;
    const stops = 32;
    out.push(`<g class="legend">`);
    for (let i = 0; i < stops; i++) out.push(`<rect x="${(lx + (i * LEGEND_W) / stops).toFixed(2)}" y="${ly}" width="${(LEGEND_W / stops + 0.3).toFixed(2)}" height="8" fill="${panel.ramp((i + 0.5) / stops)}"/>`);
    for (const tick of panel.ticks) {
      const x = lx + tick.at * LEGEND_W;
      out.push(`<line x1="${x.toFixed(1)}" y1="${ly + 8}" x2="${x.toFixed(1)}" y2="${ly + 11}" stroke="#333"/>`, `<text x="${x.toFixed(1)}" y="${ly + 21}" text-anchor="middle">${tick.label}</text>`);
    }
    out.push('</g>', '</g>');
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
