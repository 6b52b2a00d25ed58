// The gradient section's sentence is computed from the trace records: median gradient norm per layer, first vs last.
import test from 'ava';
import { gradientProfile, layerMedians, pairSentence, ratioText } from '../../results/gradient_summary.js';
import type { TraceRecord } from '../../results/run_record.js';

const trace = (step: number, norms: number[]): TraceRecord => ({ step, epoch: 1, layers: norms.map((g, i) => ({ name: `l${i}`, gradNorm: g })) });

test('medians per layer in network order, over the steps', (t) => {
  const traces = [trace(0, [1, 10, 100]), trace(10, [3, 30, 300]), trace(20, [2, 20, 200])];
  t.deepEqual(layerMedians(traces), [{ name: 'l0', median: 2 }, { name: 'l1', median: 20 }, { name: 'l2', median: 200 }]);
  t.is(gradientProfile(traces)?.ratio, 100);
});

test('the sentence says how many times smaller the first layer is, for both sides', (t) => {
  const sigmoid = gradientProfile([trace(0, [0.001, 0.03])]);
  const relu = gradientProfile([trace(0, [0.02, 0.04])]);
  if (!sigmoid || !relu) return t.fail('profiles');
  const s = pairSentence({ label: 'sigmoid', profile: sigmoid }, { label: 'relu', profile: relu });
  t.regex(s, /30× smaller than the last's with sigmoid/);
  t.regex(s, /2\.0× smaller than the last's with relu/);
  t.is(ratioText(0.5), '2.0× larger than');
});

test('fewer than two layers gives no profile', (t) => {
  t.is(gradientProfile([trace(0, [1])]), undefined);
  t.is(gradientProfile([]), undefined);
});
