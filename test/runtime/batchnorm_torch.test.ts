// The BatchNorm convention against PyTorch (a silent interchange pitfall): after N real training steps (trainStep:
// forward, loss, SGD update, running-statistics update), netc's running_mean/running_var equal what
// torch.nn.BatchNorm2d(momentum=0.1, eps=1e-5) computes from the same batches and the same starting weights.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Model } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { Optimizer, defaultOptimizerConfig } from '../../runtime/train/optimizer.js';
import { trainStep } from '../../runtime/train/train_step.js';
import { mustCompile } from '../helpers/files.js';
import { useCpu } from '../helpers/tf.js';
import { pythonRequired, pythonStatus, runPython } from '../helpers/python.js';

test.before(useCpu);

const STEPS = 6;
const BATCH = 8;
const LR = 0.5;
const source = 'network N { input [3, 6, 6]\n c: conv(4, kernel: 3, pad: 1); bn: batchnorm; relu\n global_avgpool; flatten\n fc: dense(5) }';

const script = String.raw`
import json, sys, torch
cfg = json.load(sys.stdin)
w = {k: torch.tensor(v['data'], dtype=torch.float32).reshape(v['shape']) for k, v in cfg['weights'].items()}
conv = torch.nn.Conv2d(3, 4, 3, padding=1)
bn = torch.nn.BatchNorm2d(4, momentum=cfg['momentum'])
fc = torch.nn.Linear(4, 5)
net = torch.nn.Sequential(conv, bn, torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), fc)
with torch.no_grad():
    conv.weight.copy_(w['c.weight']); conv.bias.copy_(w['c.bias'])
    bn.weight.copy_(w['bn.weight']); bn.bias.copy_(w['bn.bias'])
    bn.running_mean.copy_(w['bn.running_mean']); bn.running_var.copy_(w['bn.running_var'])
    fc.weight.copy_(w['fc.weight']); fc.bias.copy_(w['fc.bias'])
opt = torch.optim.SGD(net.parameters(), lr=cfg['lr'])
net.train()
for b in cfg['batches']:
    x = torch.tensor(b['x'], dtype=torch.float32).reshape(-1, 3, 6, 6)
    y = torch.tensor(b['y'], dtype=torch.int64)
    opt.zero_grad()
    torch.nn.functional.cross_entropy(net(x), y).backward()
    opt.step()
print(json.dumps({'mean': bn.running_mean.tolist(), 'var': bn.running_var.tolist(), 'tracked': int(bn.num_batches_tracked)}))
`;

test.serial(`after ${STEPS} SGD steps netc's BN running statistics equal torch.nn.BatchNorm2d(momentum=0.1)'s from the same batches`, async (t) => {
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) t.fail(status.reason);
    else {
      t.log(status.reason);
      t.pass();
    }
    return;
  }
  const ir = mustCompile(source);
  t.is(ir.nodes.find((n) => n.op === 'batchnorm')!.attrs.momentum, 0.1);
  const model = Model.create(ir, new Rng(3));
  const weights = await model.exportWeights();
  const rng = new Rng(11);
  const batches = Array.from({ length: STEPS }, (_, s) => ({
    // Shifted, scaled inputs so the statistics move far from their initial 0 and 1.
    x: Array.from({ length: BATCH * 3 * 36 }, () => rng.uniform(-1, 2) + s * 0.5),
    y: Array.from({ length: BATCH }, () => Math.floor(rng.uniform(0, 5))),
  }));
  const optimizer = new Optimizer(defaultOptimizerConfig('sgd'), model.trainableVariables);
  const before = tf.memory().numTensors;
  for (const b of batches) {
    const labels = tf.tensor1d(b.y, 'int32');
    const input = () => tf.transpose(tf.tensor4d(b.x, [BATCH, 3, 6, 6]), [0, 2, 3, 1]);
    const { loss, correct } = trainStep(model, optimizer, input, labels, LR, rng);
    tf.dispose([loss, correct, labels]);
  }
  t.is(tf.memory().numTensors, before, 'the steps leak nothing');
  const after = await model.exportWeights();
  optimizer.dispose();
  model.dispose();
  const plain = (m: typeof weights) => Object.fromEntries([...m].map(([k, v]) => [k, { shape: v.shape, data: [...v.data] }]));
  const torch = runPython<{ mean: number[]; var: number[]; tracked: number }>(script, { weights: plain(weights), batches, lr: LR, momentum: 0.1 });
  t.is(torch.tracked, STEPS);
  const close = (a: ArrayLike<number>, b: number[]) => b.reduce((worst, v, i) => Math.max(worst, Math.abs(a[i] - v) / Math.max(1, Math.abs(v))), 0);
  const mean = after.get('bn.running_mean')!.data;
  const variance = after.get('bn.running_var')!.data;
  t.log(`running_mean ${[...mean].map((v) => v.toFixed(4)).join(' ')}; max rel diff mean ${close(mean, torch.mean).toExponential(2)}, var ${close(variance, torch.var).toExponential(2)}`);
  t.true(Math.max(...torch.var.map((v) => Math.abs(v - 1))) > 0.05, 'the statistics moved far enough to tell the conventions apart');
  t.true(close(mean, torch.mean) < 1e-5, `running_mean ${[...mean]} vs torch ${torch.mean}`);
  t.true(close(variance, torch.var) < 1e-5, `running_var ${[...variance]} vs torch ${torch.var}`);
  // The other convention (new = momentum·old + (1 − momentum)·batch, Keras's) lands elsewhere: the test can tell.
  const keras = runPython<{ mean: number[]; var: number[] }>(script, { weights: plain(weights), batches, lr: LR, momentum: 0.9 });
  t.true(close(variance, keras.var) > 1e-3, 'momentum 0.9 in PyTorch terms would not match');
});
