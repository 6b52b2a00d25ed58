// netc export --format pytorch from the command line: the three files, the --json object, and (with Debian's
// PyTorch) a model.py that loads model.safetensors strictly and gives netc's logits.
import test from 'ava';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { type Model, defaultOptimizerConfig } from '../../runtime/index.js';
import { netcEval, writeSeededRun } from '../helpers/onnx.js';
import { mismatch } from '../helpers/webgpu.js';
import { useCpu } from '../helpers/tf.js';
import { pythonRequired, pythonStatus, runPython } from '../helpers/python.js';
import { netc } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netc-cli-export-pt-'));
const runDir = join(dir, 'run');
let model: Model;

test.before(async () => {
  await useCpu();
  model = await writeSeededRun('networks/lenet_bn.net', runDir, 5, {
    optimizer: { config: defaultOptimizerConfig('momentum', 1e-4), step: 0, slots: [] },
    schedule: { kind: 'cosine', lr: 0.1, epochs: 3, stepSize: 1, gamma: 0.1 },
    batch: 64,
    settings: {},
  });
});
test.after.always(() => {
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test.serial('export --format pytorch -o DIR: model.py, model.safetensors and train_ddp.py; --json names them', async (t) => {
  const out = join(dir, 'torch');
  const r = netc('export', 'networks/lenet_bn.net', '--weights', runDir, '--format', 'pytorch', '-o', out, '--json');
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /^wrote .*torch: model\.py, model\.safetensors, train_ddp\.py.*torchrun --nproc_per_node=N .*train_ddp\.py$/m);
  const json = JSON.parse(r.stdout.trim().split('\n').pop()!);
  t.like(json, { network: 'LeNetBN', format: 'pytorch', dir: out, training: true });
  for (const f of ['model.py', 'model.safetensors', 'train_ddp.py']) t.true(existsSync(join(out, f)), f);
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) t.fail(status.reason);
    else t.log(`python part skipped: ${status.reason}`);
    return;
  }
  const x = Float32Array.from({ length: 3 * 28 * 28 }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5);
  const want = await netcEval(model, x, 3);
  writeFileSync(join(dir, 'x.json'), JSON.stringify([...x]));
  const got = runPython<number[]>(
    `import json, sys, torch
sys.path.insert(0, ${JSON.stringify(out)})
import model as m
net = m.LeNetBN()
net.load_state_dict(m.load_safetensors(${JSON.stringify(join(out, 'model.safetensors'))}), strict=True)
net.eval()
x = torch.tensor(json.load(open(${JSON.stringify(join(dir, 'x.json'))})), dtype=torch.float32).reshape(3, 1, 28, 28)
print(json.dumps(net(x).detach().flatten().tolist()))`,
  );
  t.true(mismatch(Float32Array.from(got), want).error < 1e-5);
});
