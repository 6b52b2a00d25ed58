// train_ddp.py against Debian's torch: a netc run (one epoch) is exported from its checkpoint, torchrun
// --nproc_per_node=2 (gloo, CPU) continues it a few steps on Fashion-MNIST with the run's settings, and rank 0
// writes a checkpoint netc reads back by its own names; the script's optimizer and per-epoch learning rates
// are the netc run's (runtime/train/schedule.ts).
import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFile } from '../../../helpers/files.js';
import { pythonRequired, pythonStatus, runPython } from '../../../helpers/python.js';
import { seededWeights } from '../../../helpers/pytorch_export.js';
import { useCpu } from '../../../helpers/tf.js';
import { exportPytorch, type PytorchTraining } from '../../../../runtime/io/pytorch/pytorch_export.js';
import { readSafetensorsFile } from '../../../../runtime/io/safetensors_file.js';
import { Model } from '../../../../runtime/model.js';
import { Rng } from '../../../../runtime/rng.js';
import { learningRate } from '../../../../runtime/train/schedule.js';
import { train } from '../../../../runtime/train/trainer.js';
import { readCheckpoint } from '../../../../runtime/train/checkpoint.js';
import { trainingFromCheckpoint } from '../../../../runtime/io/pytorch/pytorch_export.js';
import { loadDataset } from '../../../../runtime/data/dataset.js';
import { planInput } from '../../../../runtime/data/input_fit.js';

test.before(useCpu);

const DATA = '/usr/share/datasets/fashion-mnist';

/** Python and the dataset, or why not (a failure where CI is set). */
function ready(t: { log: (s: string) => void; fail: (s: string) => void }): boolean {
  const status = pythonStatus();
  const reason = !status.ready ? status.reason : !existsSync(join(DATA, 'train-images-idx3-ubyte.gz')) ? `${DATA} is missing (apt install dataset-fashion-mnist)` : undefined;
  if (!reason) return true;
  if (pythonRequired()) t.fail(reason);
  else t.log(`skipped: ${reason}`);
  return false;
}

const training = (kind: PytorchTraining['optimizer']['kind'], schedule: PytorchTraining['schedule']['kind']): PytorchTraining => ({
  optimizer: { kind, weightDecay: 5e-4, momentum: 0.9, beta1: 0.8, beta2: 0.99, eps: 1e-7 },
  schedule: { kind: schedule, lr: 0.05, epochs: 7, stepSize: 2, gamma: 0.5 },
  epochs: 7,
  batch: 64,
  seed: 3,
});

test.serial('a netc run exported, continued by torchrun --nproc_per_node=2 train_ddp.py (gloo, CPU): finite loss, a rank-0 checkpoint netc loads', async (t) => {
  t.timeout(240_000);
  if (!ready(t)) return t.pass();
  const dir = mkdtempSync(join(tmpdir(), 'netc-ddp-'));
  try {
    const { ir } = compileFile('networks/lenet_bn.net');
    const data = loadDataset({ limit: 256, testLimit: 64 });
    const run = training('momentum', 'cosine');
    await train({
      ir: ir!, data, plan: planInput(ir!.network, ir!.input, data.train.shape, undefined), epochs: 1, batch: run.batch, schedule: { ...run.schedule, epochs: 1 },
      optimizer: run.optimizer, seed: run.seed, normalization: { mean: 0.286, std: 0.353 }, augmentation: { cropPadding: 2, flip: true },
      runDir: join(dir, 'run'), syncEvery: 4, progress: { step: () => {}, epoch: () => {}, line: () => {} },
    });
    const cp = readCheckpoint(join(dir, 'run'));
    const settings = trainingFromCheckpoint(cp.header);
    t.like(settings, { optimizer: run.optimizer, batch: 64, seed: 3, normalization: { mean: 0.286, std: 0.353 }, augmentation: { cropPadding: 2, flip: true }, schedule: { kind: 'cosine', epochs: 1 } });
    const start = cp.weights;
    exportPytorch(ir!, start, dir, { training: settings });
    // --redirects 1 --tee 1: Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default "0" (IntFlag).
    const r = spawnSync('torchrun', ['--nproc_per_node=2', '--redirects', '1', '--tee', '1', '--log_dir', join(dir, 'logs'), 'train_ddp.py', '--max-steps', '4', '--limit', '1024', '--out', join(dir, 'ckpt')], {
      cwd: dir, encoding: 'utf8', timeout: 150_000, env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    t.is(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!.replace(/^\[[^\]]*\]:/, ''));
    t.log(JSON.stringify(last));
    t.is(last.world, 2);
    t.is(last.steps, 4);
    t.true(Number.isFinite(last.loss) && last.loss > 0, `loss ${last.loss}`);
    const saved = readSafetensorsFile(join(dir, 'ckpt', 'model.safetensors'));
    t.deepEqual([...saved.tensors.keys()].sort(), [...start.keys()].sort(), 'checkpoint names are netc\'s, without module. or num_batches_tracked');
    t.is(saved.metadata.network, 'LeNetBN');
    const moved = (name: string) => saved.tensors.get(name)!.data.some((v, i) => Math.abs(v - start.get(name)!.data[i]) > 1e-7);
    const trained = ir!.nodes.flatMap((n) => n.params).filter((p) => p.trainable).map((p) => p.name);
    t.deepEqual(trained.filter((n) => !moved(n)), [], 'every trainable parameter moved');
    t.true(moved(ir!.nodes.find((n) => n.op === 'batchnorm')!.params.find((p) => p.name.endsWith('running_mean'))!.name), 'running statistics moved');
    const model = Model.create(ir!, new Rng(0));
    t.notThrows(() => model.importWeights(saved.tensors));
    model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const SETTINGS_PY = `
import json, sys, torch
spec = json.load(sys.stdin)
out = []
for case in spec:
    sys.path.insert(0, case["dir"])
    for m in ("model", "train_ddp"):
        sys.modules.pop(m, None)
    import train_ddp
    sys.path.pop(0)
    opt = train_ddp.make_optimizer([torch.nn.Parameter(torch.zeros(1))])
    g = opt.param_groups[0]
    out.append({"cls": type(opt).__name__, "lr": g["lr"], "momentum": g.get("momentum"), "betas": list(g.get("betas", [])), "eps": g.get("eps"),
                "weight_decay": g["weight_decay"], "rates": [train_ddp.learning_rate(e) for e in range(case["epochs"])]})
print(json.dumps(out))
`;

test.serial("train_ddp.py's optimizer and per-epoch learning rates are the netc run's", async (t) => {
  if (!ready(t)) return t.pass();
  const root = mkdtempSync(join(tmpdir(), 'netc-ddp-settings-'));
  try {
    const { ir } = compileFile('networks/lenet.net');
    const configs = [training('sgd', 'constant'), training('momentum', 'cosine'), training('adam', 'step')];
    const cases = configs.map((c, i) => {
      exportPytorch(ir!, seededWeights(ir!, 1), join(root, `c${i}`), { training: c });
      return { dir: join(root, `c${i}`), epochs: c.epochs };
    });
    const got = runPython<{ cls: string; lr: number; momentum?: number; betas: number[]; eps?: number; weight_decay: number; rates: number[] }[]>(SETTINGS_PY, cases);
    configs.forEach((c, i) => {
      const g = got[i];
      t.is(g.cls, c.optimizer.kind === 'adam' ? 'Adam' : 'SGD');
      t.is(g.weight_decay, c.optimizer.weightDecay);
      if (c.optimizer.kind === 'adam') {
        t.deepEqual(g.betas, [c.optimizer.beta1, c.optimizer.beta2]);
        t.is(g.eps, c.optimizer.eps);
      } else t.is(g.momentum, c.optimizer.kind === 'momentum' ? 0.9 : 0);
      const want = Array.from({ length: c.epochs }, (_, e) => learningRate(c.schedule, e));
      g.rates.forEach((r, e) => t.true(Math.abs(r - want[e]) <= 1e-12 * want[0], `${c.schedule.kind} epoch ${e}: ${r} vs netc ${want[e]}`));
      t.true(new Set(want).size > 1 || c.schedule.kind === 'constant', 'the schedule changes the rate');
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
