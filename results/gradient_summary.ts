// The gradient section's numbers: each layer's median gradient norm over a run's trace records, and one
// sentence per pair comparing how much smaller the first layer's is than the last's.
import type { TraceRecord } from './run_record.js';

export interface GradientProfile {
  steps: number;
  first: { name: string; median: number };
  last: { name: string; median: number };
  /** last / first: how many times the last layer's median gradient norm exceeds the first's. */
  ratio: number;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Layers in the order the trace lists them (the network's), each with its median gradNorm over the steps. */
export function layerMedians(traces: TraceRecord[]): { name: string; median: number }[] {
  const order: string[] = [];
  const values = new Map<string, number[]>();
  for (const t of traces)
    for (const l of t.layers) {
      if (!Number.isFinite(l.gradNorm)) continue;
      if (!values.has(l.name)) (order.push(l.name), values.set(l.name, []));
      values.get(l.name)?.push(l.gradNorm);
    }
  return order.map((name) => ({ name, median: median(values.get(name) ?? []) }));
}

export function gradientProfile(traces: TraceRecord[]): GradientProfile | undefined {
  const layers = layerMedians(traces);
  if (layers.length < 2) return undefined;
  const first = layers[0];
  const last = layers[layers.length - 1];
  return { steps: traces.length, first, last, ratio: first.median > 0 ? last.median / first.median : Infinity };
}

/** "30× smaller" or "1.5× larger": a ratio as the first layer's gradient against the last's. */
export function ratioText(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'zero (no gradient reached it)';
  const n = ratio >= 1 ? ratio : 1 / ratio;
  const shown = n >= 10 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
  return ratio >= 1 ? `${shown}× smaller than` : `${shown}× larger than`;
}

/** One sentence from the numbers, e.g. "the first layer's median gradient norm is 30× smaller than the last's with sigmoid, 2.0× smaller than the last's with relu". */
export function pairSentence(a: { label: string; profile: GradientProfile }, b: { label: string; profile: GradientProfile }): string {
  const side = (s: typeof a) => `${ratioText(s.profile.ratio)} the last's with ${s.label} (${s.profile.first.name} ${sci(s.profile.first.median)} vs ${s.profile.last.name} ${sci(s.profile.last.median)})`;
  return `The first layer's median gradient norm is ${side(a)}; it is ${side(b)}.`;
}

export const sci = (v: number) => (v === 0 ? '0' : v.toExponential(1));
