// node dist/bench/services_bench.js — compiler/services timings (medians) on resnet18.net and bench:compiler's 10,000-line file.
import { readFileSync } from 'node:fs';
import { check } from '../compiler/compile.js';
import { LanguageService } from '../compiler/services/index.js';
import { generatedSource } from './generated_source.js';


const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const time = (f: (i: number) => void, n: number) => {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f(i);
    ts.push(performance.now() - t0);
  }
  return median(ts);
};
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

for (const [name, text, runs] of [['networks/resnet18.net', readFileSync('networks/resnet18.net', 'utf8'), 21], ['generated', generatedSource(), 5]] as const) {
  const path = 'bench.net';
  const service = new LanguageService();
  const layer = text.lastIndexOf('conv(') + 1;
  const statement = text.lastIndexOf('\n  ', text.lastIndexOf('}')) + 3;
  // Each timed question after an edit sees a new text version: the whole compile, then the answer.
  let version = 0;
  const edit = () => service.setFile(path, text + ' '.repeat(++version));
  const baseline = time(() => check(text, { file: path }), runs);
  const diagnostics = time(() => (edit(), service.diagnostics(path)), runs);
  const inlay = time(() => (edit(), service.inlayHints(path)), runs);
  const hover = time(() => (edit(), service.hover(path, layer)), runs);
  const completion = time(() => (edit(), service.completions(path, statement)), runs);
  service.setFile(path, text);
  service.hover(path, layer);
  const hoverWarm = time(() => service.hover(path, layer), runs * 5);
  const completionWarm = time(() => service.completions(path, layer + 4), runs * 5);
  console.log(
    `${name} (${text.split('\n').length.toLocaleString('en-US')} lines): check() alone ${ms(baseline)}; after a one-character edit: diagnostics ${ms(diagnostics)}, inlay hints ${ms(inlay)}, ` +
      `hover ${ms(hover)}, completion ${ms(completion)}; same version: hover ${ms(hoverWarm)}, completion after conv( ${ms(completionWarm)}`,
  );
}
