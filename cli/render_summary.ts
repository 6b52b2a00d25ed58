// The summary table as text: path, op, output shape, params, MACs; groups indented with subtotals.
import type { Summary } from '../compiler/summary.js';

const n = (x: number) => x.toLocaleString('en-US');
const shape = (s: number[]) => `[${s.join(', ')}]`;

function bytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${b.toFixed(i === 0 ? 0 : 2)} ${units[i]}`;
}

export function renderSummary(s: Summary): string {
  const rows = s.rows.map((r) => [
    '  '.repeat(r.depth) + (r.kind === 'group' ? `${r.name}` : r.name),
    r.kind === 'group' ? `[${r.op}]` : r.op,
    shape(r.outputShape),
    r.params ? n(r.params) : '–',
    r.macs ? n(r.macs) : '–',
    ...(s.hasTrainingRules ? [r.training || '–'] : []),
  ]);
  // The training column appears when a rule (freeze, train, new) applies somewhere; otherwise all is trainable.
  const header = ['Layer (path)', 'Op', 'Output shape', 'Params', 'MACs', ...(s.hasTrainingRules ? ['Training'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  const out = [`${s.network} (${s.file}), input ${shape(s.input)}`, rule, line(header), rule, ...rows.map(line), rule];
  out.push(
    `Total params:                 ${n(s.totalParams)}`,
    `Trainable params:             ${n(s.trainableParams)}`,
    ...(s.frozenParams > 0 ? [`Frozen params:                ${n(s.frozenParams)}`] : []),
    `Non-trainable buffers:        ${n(s.bufferElements)} (BatchNorm running statistics)`,
    `MACs per image:               ${n(s.macs)}`,
    `Activation memory per image:  ${bytes(s.activationBytes)} (forward, float32)`,
    `Parameter memory:             ${bytes(s.paramBytes)} (float32)`,
  );
  return out.join('\n');
}
