// curves.svg: loss and accuracy in separate panels with round tick values, the best epoch marked, a legend.
import test from 'ava';
import { curvesSvg } from '../../../runtime/train/curves_svg.js';

const points = [
  { epoch: 1, trainLoss: 1.23, trainAccuracy: 0.61, testAccuracy: 0.7 },
  { epoch: 2, trainLoss: 0.71, trainAccuracy: 0.78, testAccuracy: 0.843 },
  { epoch: 3, trainLoss: 0.52, trainAccuracy: 0.83, testAccuracy: 0.8321 },
];

const ticksOf = (svg: string, axis: string) => {
  const panel = svg.slice(svg.indexOf(`data-axis="${axis}"`), svg.indexOf('</g>', svg.indexOf(`data-axis="${axis}"`)));
  return [...panel.matchAll(/<text class="tick" x="[\d.]+" y="[\d.]+" text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
};

test('loss and accuracy panels have round ticks: loss from 0, accuracy a tight round domain within 0–1', (t) => {
  const svg = curvesSvg(points, 'LeNet');
  t.deepEqual(ticksOf(svg, 'loss'), ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0', '1.2', '1.4']);
  const acc = ticksOf(svg, 'accuracy').map(Number);
  t.true(acc[0] >= 0.55 && acc[0] <= 0.6 && acc[acc.length - 1] >= 0.85 && acc[acc.length - 1] <= 0.9, acc.join(' '));
  for (const v of acc) t.is(Math.round(v * 100) / 100, v, `round: ${v}`);
  for (const label of ['train loss', 'train acc', 'test acc']) t.true(svg.includes(`>${label}</text>`), label);
});

test('the best epoch is marked with a dot and its label; --val-split names it val', (t) => {
  t.regex(curvesSvg(points, 'x'), /<g class="best" data-epoch="2">\n<circle [^>]+>\n<text [^>]+>best test acc 0\.8430 \(epoch 2\)<\/text>/);
  const val = curvesSvg(points, 'x', { evalName: 'val' });
  t.true(val.includes('best val acc 0.8430 (epoch 2)'));
  t.true(val.includes('>val acc</text>'));
});

test('one epoch, and a non-finite loss, still draw', (t) => {
  const svg = curvesSvg([{ epoch: 1, trainLoss: Number.NaN, trainAccuracy: 0.1, testAccuracy: 0.1 }], 'x');
  t.regex(svg, /<\/svg>\n$/);
  t.false(svg.includes('NaN'));
});
