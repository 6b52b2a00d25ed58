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
import { readCheckpoint } from '../../../../runtime/io/checkpoint.js';
import { trainingFromCheckpoint } from '../../../../runtime/io/pytorch/pytorch_export.js';
import { loadDataset } from '../../../../runtime/data/dataset.js';
import * as tf from '../../../../runtime/tfjs.js';
import { Optimizer } from '../../../../runtime/train/optimizer.js';
import { trainStep } from '../../../../runtime/train/train_step.js';
import { toTorch } from '../../../../runtime/layout.js';
import { writeSafetensorsFile } from '../../../../runtime/io/safetensors_file.js';
import { toNhwc } from '../../../helpers/pytorch_export.js';
import type { TorchWeights } from '../../../../runtime/model.js';
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
      optimizer: run.optimizer, seed: run.seed, normalization: { mean: [0.286], std: [0.353] }, augmentation: { cropPadding: 2, flip: true },
      runDir: join(dir, 'run'), syncEvery: 4, progress: { step: () => {}, epoch: () => {}, line: () => {} },
    });
    const cp = readCheckpoint(join(dir, 'run'));
    const settings = trainingFromCheckpoint(cp.header);
    t.like(settings, { optimizer: run.optimizer, batch: 64, seed: 3, normalization: { mean: [0.286], std: [0.353] }, augmentation: { cropPadding: 2, flip: true }, schedule: { kind: 'cosine', epochs: 1 } });
    const start = cp.weights;
    const files = exportPytorch(ir!, start, dir, { training: settings, optimizerState: { step: cp.header.optimizer!.step, slots: cp.slots } });
    t.deepEqual(files.map((f) => f.split('/').pop()), ['model.py', 'model.safetensors', 'train_ddp.py', 'optimizer.safetensors']);
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
    const state = readSafetensorsFile(join(dir, 'ckpt', 'optimizer.safetensors'));
    t.deepEqual([...state.tensors.keys()].sort(), [...cp.slots.keys()].sort(), 'optimizer state in netc\'s slot names');
    t.is(state.metadata.step, String(cp.header.optimizer!.step + 4));
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

const STEP_PY = `
import json, sys, torch
import torch.nn.functional as F
out = []
for case in json.load(sys.stdin):
    sys.path.insert(0, case["dir"])
    for m in ("model", "train_ddp"):
        sys.modules.pop(m, None)
    import train_ddp, model as mod
    sys.path.pop(0)
    net = mod.load_weights(getattr(mod, case["className"])(), case["dir"] + "/model.safetensors")
    opt = train_ddp.make_optimizer(net.parameters())
    train_ddp.load_optimizer_state(opt, net, case["dir"] + "/optimizer.safetensors")
    check = mod.load_safetensors(case["dir"] + "/check.safetensors")
    net.train()
    loss = F.cross_entropy(net(check["input"]), check["labels"].long())
    opt.zero_grad()
    loss.backward()
    opt.step()
    state = net.state_dict()
    errors = {k[6:]: (state[k[6:]] - v).abs().max().item() / v.abs().max().item() for k, v in check.items() if k.startswith("after.")}
    out.append(max(errors.items(), key=lambda kv: kv[1]))
print(json.dumps(out))
`;

/** The optimizer's slots in PyTorch's layout, named `slot/parameter` (as checkpoints store them). */
async function slotsOf(model: Model, optimizer: Optimizer): Promise<TorchWeights> {
  const out: TorchWeights = new Map();
  const trainable = model.params.filter((p) => p.param.trainable);
  for (const [slot, variables] of optimizer.slots) {
    for (const [i, v] of variables.entries()) {
      const p = trainable[i];
      out.set(`${slot}/${p.param.name}`, { shape: p.param.shape, data: toTorch(p.layout, p.param.shape, (await v.data()) as Float32Array, p.channels) });
    }
  }
  return out;
}

test.serial("train_ddp.py's optimizer, started from netc's exported state, takes netc's next step (momentum, adam, weight decay)", async (t) => {
  t.timeout(120_000);
  if (!ready(t)) return t.pass();
  const root = mkdtempSync(join(tmpdir(), 'netc-ddp-step-'));
  try {
    const cases = [];
    // Adam on LeNet: a conv bias before a BatchNorm has a zero gradient up to float noise, which Adam's
    // m/√v scales up to a full step — noise against noise, not a difference in the optimizer.
    for (const [kind, file, className] of [['momentum', 'networks/lenet_bn.net', 'LeNetBN'], ['adam', 'networks/lenet.net', 'LeNet']] as const) {
      const { ir } = compileFile(file);
      const run = training(kind, 'constant');
      const lr = kind === 'adam' ? 0.01 : 0.05;
      run.schedule.lr = lr;
      const model = Model.create(ir!, new Rng(1));
      const optimizer = new Optimizer(run.optimizer, model.trainableVariables);
      const rng = new Rng(2);
      const batch = (seed: number) => {
        const r = new Rng(seed);
        return { x: Float32Array.from({ length: 8 * 784 }, () => r.next()), y: Int32Array.from({ length: 8 }, () => r.int(10)) };
      };
      const step = (b: { x: Float32Array; y: Int32Array }) => {
        const labels = tf.tensor1d(b.y, 'int32');
        const { loss, correct } = trainStep(model, optimizer, () => toNhwc(b.x, 8, ir!.input), labels, lr, rng);
        tf.dispose([loss, correct, labels]);
      };
      step(batch(10));
      step(batch(11));
      const dir = join(root, kind);
      exportPytorch(ir!, await model.exportWeights(), dir, { training: run, optimizerState: { step: optimizer.step, slots: await slotsOf(model, optimizer) } });
      const next = batch(12);
      step(next);
      const after = await model.exportWeights();
      const check: TorchWeights = new Map([['input', { shape: [8, 1, 28, 28], data: next.x }], ['labels', { shape: [8], data: Float32Array.from(next.y) }]]);
      for (const [name, w] of after) check.set(`after.${name}`, w);
      writeSafetensorsFile(join(dir, 'check.safetensors'), check);
      optimizer.dispose();
      model.dispose();
      cases.push({ dir, className });
    }
    const worst = runPython<[string, number][]>(STEP_PY, cases);
    t.log(worst.map(([name, e], i) => `${['momentum', 'adam'][i]}: worst ${name} ${e.toExponential(2)}`).join('; '));
    for (const [name, e] of worst) t.true(e <= 1e-5, `${name}: scaled error ${e} after one step`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
