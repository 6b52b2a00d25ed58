// gradients.svg: one row per layer in each panel, in the network's order, colours on a log scale of gradNorm,
// a legend with round ticks (powers of ten), well-formed XML.
import test from 'ava';
import { gradientHeatmapSvg } from '../../../runtime/train/gradients_svg.js';
import type { TraceRecord } from '../../../runtime/train/grad_trace.js';

const layer = (name: string, gradNorm: number, saturated = 0) => ({ name, gradNorm, weightNorm: 1, actMean: 0.5, actStd: 0.1, saturated, dead: 0, activation: 'sigmoid' });
const traces: TraceRecord[] = [1, 5, 10].map((step) => ({ step, epoch: 1, layers: [layer('stem.conv', 3e-6 * step), layer('stage1.0.conv1', 2e-4), layer('head', 0.4, 0.25)] }));

test('three layers × three steps: three rows per panel, nine cells each, in the network order', (t) => {
  const svg = gradientHeatmapSvg(traces, 'Deep <sigmoid>');
  t.regex(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\n$/);
  t.true(svg.includes('Deep &lt;sigmoid&gt;'));
  const rows = [...svg.matchAll(/<g class="grad-row" data-layer="([^"]+)">/g)].map((m) => m[1]);
  t.deepEqual(rows, ['stem.conv', 'stage1.0.conv1', 'head']);
  t.is([...svg.matchAll(/<g class="act-row"/g)].length, 3);
  const gradPanel = svg.slice(svg.indexOf('class="grad-row"'), svg.indexOf('class="legend"'));
  t.is([...gradPanel.matchAll(/<rect [^>]*><title>/g)].length, 9);
  t.regex(svg, /input side/);
});

test('the colour legend has round ticks: the powers of ten across the gradient norms', (t) => {
  const svg = gradientHeatmapSvg(traces, 't');
  const legend = svg.slice(svg.indexOf('<g class="legend">'), svg.indexOf('</g>', svg.indexOf('<g class="legend">')));
  const ticks = [...legend.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
  t.deepEqual(ticks, ['1e-5', '1e-4', '1e-3', '1e-2', '1e-1']);
  // Smallest and largest norms get viridis' ends (dark purple, yellow).
  t.regex(svg, /fill="#440154"><title>stem.conv step 1/);
  t.regex(svg, /fill="#fde725"><title>head step/);
});

test('a zero or missing gradient is a grey cell, not an error', (t) => {
  const svg = gradientHeatmapSvg([{ step: 1, epoch: 1, layers: [layer('a', 0), layer('b', 1e-3)] }, { step: 2, epoch: 1, layers: [layer('b', 1e-2)] }], 't');
  // Gradient panel: a zero norm (step 1) and a missing layer (step 2); activation panel: the missing one.
  t.is([...svg.matchAll(/fill="#ccc"><title>a step/g)].length, 3);
  t.is([...svg.matchAll(/<g class="grad-row"/g)].length, 2);
});
