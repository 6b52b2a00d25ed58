// PyTorch export against Debian's torch 1.13: every networks/*.net file at a small size and every layer
// case, with seeded weights and non-trivial BatchNorm statistics — model.py loads model.safetensors with
// strict=True, its state_dict keys are netc's names (+ BatchNorm's num_batches_tracked), and its eval output
// equals netc's cpu eval within 1e-5 (max-abs error scaled by the output's largest value).
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile, mustCompile } from '../../../helpers/files.js';
import { caseLabel, caseSource, layerCases } from '../../../helpers/layer_cases.js';
import { pythonRequired, pythonStatus, runPython } from '../../../helpers/python.js';
import { CHECK_EXPORTS_PY, exportCase, type ExportCase } from '../../../helpers/pytorch_export.js';
import { useCpu } from '../../../helpers/tf.js';
import type { Ir } from '../../../../compiler/ir.js';

test.before(useCpu);

/** [file, network, --set values]: the sizes of networks_train / lowering_plan tests (VGG11Small for vgg11.net). */
const networks: [string, string | undefined, Record<string, unknown>][] = [
  ['networks/lenet.net', undefined, {}],
  ['networks/lenet_bn.net', undefined, {}],
  ['networks/alexnet.net', undefined, { lrn: true }],
  ['networks/vgg11.net', 'VGG11Small', {}],
  ['networks/nin.net', undefined, {}],
  ['networks/googlenet.net', undefined, {}],
  ['networks/resnet18.net', undefined, { size: 32 }],
  ['networks/densenet.net', undefined, {}],
  ['networks/se_resnet18.net', undefined, {}],
  ['networks/resnext.net', undefined, {}],
  ['networks/shufflenet.net', undefined, {}],
  ['networks/mobilenet_v2.net', undefined, { channels: 1, size: 28, classes: 10 }],
  ['networks/efficientnet_b0.net', undefined, { channels: 1, size: 28, classes: 10 }],
  ['networks/convnext_t.net', undefined, { channels: 1, size: 28, classes: 10, patch: 2 }],
];

const TOLERANCE = 1e-5;

interface Checked {
  keys: string[];
  shape: number[];
  want: number[];
  error: number | null;
}

/** Python's verdict on each case (one process for the group), or the reason there is none. */
async function checkInPython(t: { log: (s: string) => void; fail: (s: string) => void }, build: (root: string) => Promise<{ label: string; c: ExportCase }[]>) {
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) t.fail(status.reason);
    else t.log(`skipped: ${status.reason}`);
    return undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'netc-pytorch-'));
  try {
    const cases = await build(root);
    const results = runPython<Checked[]>(CHECK_EXPORTS_PY, cases.map(({ c }) => ({ dir: c.dir, className: c.className })));
    return cases.map(({ label, c }, i) => ({ label, c, r: results[i] }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Problems: a key set other than netc's names plus one num_batches_tracked per BatchNorm, or outputs apart. */
function problems(ir: Ir, c: ExportCase, r: Checked, label: string): string[] {
  const out: string[] = [];
  const expected = [...c.names, ...ir.nodes.filter((n) => n.op === 'batchnorm').map((n) => `${n.name}.num_batches_tracked`)].sort();
  const extra = r.keys.filter((k) => !expected.includes(k));
  const missing = expected.filter((k) => !r.keys.includes(k));
  if (extra.length || missing.length) out.push(`${label}: state_dict keys differ: extra ${extra.slice(0, 4).join(', ')}; missing ${missing.slice(0, 4).join(', ')}`);
  if (r.error === null) out.push(`${label}: output shape ${r.shape} vs netc ${r.want}`);
  else if (!(r.error <= TOLERANCE)) out.push(`${label}: scaled max-abs error ${r.error.toExponential(2)} > ${TOLERANCE}`);
  return out;
}

test.serial('every networks/*.net file: model.py (strict load of model.safetensors) = netc cpu eval, keys = netc names', async (t) => {
  t.timeout(600_000);
  const irs = new Map<string, Ir>();
  const checked = await checkInPython(t, async (root) => {
    const cases = [];
    for (const [i, [file, network, args]] of networks.entries()) {
      const { ir, diagnostics } = compileFile(file, { network, args } as never);
      if (!ir) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join('; ')}`);
      irs.set(file, ir);
      cases.push({ label: `${file} (${ir.network})`, c: await exportCase(ir, join(root, `net${i}`)) });
    }
    return cases;
  });
  if (!checked) return t.pass();
  const all = checked.flatMap(({ label, c, r }, i) => problems(irs.get(networks[i][0])!, c, r, label));
  t.log(checked.map(({ label, r }) => `${label}: ${r.error?.toExponential(2)}`).join('\n'));
  t.deepEqual(all, []);
});

test.serial('every layer case (so every registry layer): model.py = netc cpu eval', async (t) => {
  t.timeout(300_000);
  const irs: Ir[] = [];
  const checked = await checkInPython(t, async (root) => {
    const cases = [];
    for (const [i, lc] of layerCases.entries()) {
      const ir = mustCompile(caseSource(lc));
      irs.push(ir);
      cases.push({ label: caseLabel(lc), c: await exportCase(ir, join(root, `case${i}`), { batch: 3 }) });
    }
    return cases;
  });
  if (!checked) return t.pass();
  t.deepEqual(checked.flatMap(({ label, c, r }, i) => problems(irs[i], c, r, label)), []);
});
