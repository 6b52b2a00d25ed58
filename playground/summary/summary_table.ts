// The Summary tab: `netc summary`'s rows (compiler/summary.ts) as a table; a row click selects its source line.
import type { Ir, SourceRef } from '../../compiler/ir.js';
import type { Summary } from '../../compiler/summary.js';

const count = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

/** Where each row's layer or scope was written: layer rows by node name, group rows by scope path. */
function sources(ir: Ir): Map<string, SourceRef> {
  return new Map<string, SourceRef>([...ir.scopes.map((s) => [s.path, s.source] as const), ...ir.nodes.map((n) => [n.name, n.source] as const)]);
}

export function renderSummary(root: HTMLElement, summary: Summary | undefined, ir: Ir | undefined, onSelect: (source: SourceRef) => void): void {
  root.replaceChildren();
  if (!summary || !ir) {
    root.appendChild(document.createElement('p')).textContent = 'Fix the errors to see the summary.';
    return;
  }
  const where = sources(ir);
  const table = root.appendChild(document.createElement('table'));
  table.className = 'summary';
  const head = table.createTHead().insertRow();
  for (const h of ['Layer', 'Op', 'Output shape', 'Params', 'MACs', ...(summary.hasTrainingRules ? ['Training'] : [])]) head.appendChild(document.createElement('th')).textContent = h;
  const body = table.createTBody();
  for (const r of summary.rows) {
    const row = body.insertRow();
    row.className = `summary-${r.kind}`;
    const source = where.get(r.name);
    if (source) {
      row.dataset.line = String(source.line);
      row.addEventListener('click', () => onSelect(source));
    }
    cell(row, r.name, 'name');
    (row.cells[0] as HTMLElement).style.paddingLeft = `${0.4 + r.depth}rem`;
    cell(row, r.op);
    cell(row, `[${r.outputShape.join(', ')}]`);
    cell(row, count(r.params), 'num');
    cell(row, count(r.macs), 'num');
    if (summary.hasTrainingRules) cell(row, r.training);
  }
  const totals = root.appendChild(document.createElement('p'));
  totals.className = 'summary-totals';
  totals.textContent = `${summary.network}: input [${summary.input.join(', ')}] · ${count(summary.totalParams)} params (${count(summary.trainableParams)} trainable) · ${count(summary.macs)} MACs · params ${mb(summary.paramBytes)} · activations ${mb(summary.activationBytes)} per example`;
}
