// --init-from: copy weights from another network by name, where the shapes agree, and report what happened —
// copied, newly initialized (declared new, or absent from the source), shape-mismatched, unused. A shape
// mismatch on a layer not declared new is an error at the layer's line: the most common fine-tuning mistake.
import type { IrNode } from '../compiler/ir.js';
import { suggest } from '../compiler/suggest.js';
import type { Model, TorchWeights } from './model.js';
import { WeightError } from './errors.js';

export interface LoadReport {
  source: string;
  /** Parameters and buffers copied from the source. */
  copied: string[];
  /** Left as initialized: declared new (`new`, a replaced statement, --new), or absent from the source. */
  initialized: { name: string; reason: 'declared new' | 'not in the source'; suggestion?: string }[];
  /** Same name, other shape, in layers declared new (otherwise these are an error). */
  mismatched: { name: string; shape: number[]; sourceShape: number[] }[];
  /** Source tensors no parameter took. */
  unused: string[];
}

const shapeText = (s: number[]) => `[${s.join(', ')}]`;
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Copies what fits into `model` (its variables; nothing else changes) and returns the report. */
export function initFrom(model: Model, weights: TorchWeights, source: string): LoadReport {
  const report: LoadReport = { source, copied: [], initialized: [], mismatched: [], unused: [] };
  const taken = new Set<string>();
  const copy: TorchWeights = new Map();
  const errors: { node: IrNode; name: string; shape: number[]; sourceShape: number[] }[] = [];
  for (const { param, node } of model.params) {
    const w = weights.get(param.name);
    const fresh = node.training?.fresh === true;
    if (w) taken.add(param.name);
    if (fresh) {
      report.initialized.push({ name: param.name, reason: 'declared new' });
      if (w && !sameShape(w.shape, param.shape)) report.mismatched.push({ name: param.name, shape: param.shape, sourceShape: w.shape });
    } else if (!w) {
      report.initialized.push({ name: param.name, reason: 'not in the source' });
    } else if (!sameShape(w.shape, param.shape)) {
      errors.push({ node, name: param.name, shape: param.shape, sourceShape: w.shape });
    } else {
      copy.set(param.name, w);
      report.copied.push(param.name);
    }
  }
  report.unused = [...weights.keys()].filter((name) => !taken.has(name));
  for (const entry of report.initialized) {
    if (entry.reason !== 'not in the source') continue;
    const near = suggest(entry.name, report.unused);
    if (near) entry.suggestion = near;
  }
  if (errors.length > 0) {
    const e = errors[0];
    const layer = e.node.name;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1, 4).map((x) => x.name).join(', ')}${errors.length > 4 ? ', …' : ''})` : '';
    throw new WeightError(
      `${e.node.source.file}:${e.node.source.line}:${e.node.source.column}: '${e.name}' is ${shapeText(e.shape)} here but ${shapeText(e.sourceShape)} in ${source}${more}; ` +
        `declare it new (\`new ${layer}\` in the network, or --new ${layer}), or rename it`,
    );
  }
  if (report.copied.length === 0) {
    const sample = [...weights.keys()].slice(0, 3).join(', ');
    throw new WeightError(`${source}: no tensor matches a parameter of ${model.ir.network} by name (the source has ${sample}${weights.size > 3 ? ', …' : ''}); rename with --map MAP.json, or --map order`);
  }
  model.importWeights(copy, { allowMissing: true });
  return report;
}

/** The report in a few lines: counts, what is new, near-miss names, what went unused. */
export function describeLoadReport(r: LoadReport, model: Model): string[] {
  const values = (names: string[]) => names.reduce((s, n) => s + model.params.find((p) => p.param.name === n)!.param.shape.reduce((a, b) => a * b, 1), 0);
  const list = (names: string[]) => `${names.slice(0, 6).join(', ')}${names.length > 6 ? `, … (${names.length})` : ''}`;
  const lines = [`init from ${r.source}: copied ${r.copied.length} tensors (${values(r.copied).toLocaleString('en-US')} values)`];
  const declared = r.initialized.filter((i) => i.reason === 'declared new').map((i) => i.name);
  const absent = r.initialized.filter((i) => i.reason === 'not in the source');
  if (declared.length) lines.push(`  new (declared): ${list(declared)}${r.mismatched.length ? `; the source's differ in shape: ${r.mismatched.map((m) => `${m.name} ${shapeText(m.sourceShape)} → ${shapeText(m.shape)}`).slice(0, 3).join(', ')}` : ''}`);
  if (absent.length) lines.push(`  not in the source, initialized: ${list(absent.map((a) => (a.suggestion ? `${a.name} (did you mean ${a.suggestion}?)` : a.name)))}`);
  if (r.unused.length) lines.push(`  unused from the source: ${list(r.unused)}`);
  return lines;
}
