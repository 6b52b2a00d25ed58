// The silent interchange pitfalls, one test each: the exported model.py agrees with netc within 1e-5, and
// the same file with the pitfall put back (NHWC flatten, Keras' BatchNorm momentum, a default eps, the other
// count_include_pad, an undivided LRN alpha, a dense weight read in tfjs's [in, out] order) does not —
// so each test proves the difference is visible at its size, not only that the export happens to agree.
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustCompile } from '../../../helpers/files.js';
import { checkInPython, exportCase, problems, type ExportCase } from '../../../helpers/pytorch_export.js';
import { useCpu } from '../../../helpers/tf.js';

test.before(useCpu);

interface Pitfall {
  name: string;
  input: number[];
  body: string;
  training?: boolean;
  /** The generated code's correct form, and the pitfall's form that replaces it. */
  correct: RegExp;
  wrong: string;
}

const pitfalls: Pitfall[] = [
  { name: 'flatten order: NCHW (C, H, W) on a non-square [3, 2, 4]', input: [3, 2, 4], body: 'conv(3, kernel: 1); flatten; dense(5)', correct: /torch\.flatten\((\w+), 1\)/, wrong: '$1.permute(0, 2, 3, 1).flatten(1)' },
  { name: 'BatchNorm eps 0.1 is passed through (not the default 1e-5)', input: [3, 3, 3], body: 'batchnorm(eps: 0.1)', correct: /eps=0\.1/, wrong: 'eps=1e-05' },
  {
    name: "BatchNorm momentum 0.3 is PyTorch's convention (new = 0.7·old + 0.3·batch, unbiased variance): one training step",
    input: [3, 3, 3], body: 'batchnorm(momentum: 0.3)', training: true, correct: /momentum=0\.3/, wrong: 'momentum=0.7',
  },
  { name: 'avgpool counts padding (count_include_pad=True)', input: [2, 5, 5], body: 'avgpool(3, stride: 2, pad: 1)', correct: /count_include_pad=True/, wrong: 'count_include_pad=False' },
  { name: 'avgpool count_pad: false excludes padding', input: [2, 5, 5], body: 'avgpool(3, stride: 2, pad: 1, count_pad: false)', correct: /count_include_pad=False/, wrong: 'count_include_pad=True' },
  { name: 'avgpool ceil: true keeps the partial last window', input: [2, 6, 6], body: 'avgpool(3, stride: 2, ceil: true, count_pad: false)', correct: /ceil_mode=True/, wrong: 'ceil_mode=False' },
  { name: "LRN alpha is divided by size inside (PyTorch's convention, not TF's per-element alpha)", input: [5, 2, 2], body: 'lrn(3, alpha: 0.5, k: 1)', correct: /alpha=0\.5/, wrong: 'alpha=1.5' },
  {
    name: "dense weight is PyTorch's [out, in] (non-square [4, 6]), not tfjs's [in, out]",
    input: [6], body: 'dense(4)', correct: /self\.dense1\((\w+)\)/, wrong: 'F.linear($1, self.dense1.weight.reshape(6, 4).t(), self.dense1.bias)',
  },
];

test.serial('each pitfall: the export agrees with netc, the pitfall put back disagrees', async (t) => {
  t.timeout(120_000);
  const checked = await checkInPython(t, async (root) => {
    const cases: { label: string; c: ExportCase }[] = [];
    for (const [i, p] of pitfalls.entries()) {
      const ir = mustCompile(`network Case {\n  input [${p.input.join(', ')}]\n  ${p.body}\n}\n`);
      const c = await exportCase(ir, join(root, `p${i}`), { batch: 3, training: p.training ?? false });
      const code = readFileSync(join(c.dir, 'model.py'), 'utf8');
      if (!p.correct.test(code)) throw new Error(`${p.name}: model.py has no ${p.correct}:\n${code}`);
      writeFileSync(join(c.dir, 'model_pitfall.py'), code.replace(p.correct, p.wrong));
      cases.push({ label: p.name, c }, { label: `${p.name} [pitfall]`, c: { ...c, module: 'model_pitfall.py' } });
    }
    return cases;
  });
  if (!checked) return t.pass();
  for (let i = 0; i < checked.length; i += 2) {
    const ir = mustCompile(`network Case {\n  input [${pitfalls[i / 2].input.join(', ')}]\n  ${pitfalls[i / 2].body}\n}\n`);
    const [good, bad] = [checked[i], checked[i + 1]];
    t.deepEqual(problems(ir, good.c, good.r, good.label), [], good.label);
    t.true(bad.r.error === null || bad.r.error > 1e-3, `${bad.label}: error ${bad.r.error} — the pitfall would go unnoticed at this size`);
    t.log(`${good.label}: ${good.r.error?.toExponential(1)}; with the pitfall ${bad.r.error?.toExponential(1) ?? 'shape mismatch'}`);
  }
});
