// Parameter groups in the optimizer against torch.optim itself: per-parameter learning-rate and weight-decay
// multipliers under SGD, momentum and Adam, and a parameter that has no gradient for a while (frozen) starting
// its own state on its first update, as a PyTorch parameter does.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Optimizer, defaultOptimizerConfig, type OptimizerKind } from '../../runtime/train/optimizer.js';
import { pythonRequired, pythonStatus, runPython } from '../helpers/python.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const initial = [[0.5, -1.25, 2], [0.75, 0.1]];
/** Gradients per step; null: the parameter is frozen in that step (no gradient). */
const gradients: (number[] | null)[][] = [
  [[0.3, -0.2, 0.1], null],
  [[0.1, 0.4, -0.5], null],
  [[-0.2, 0.2, 0.3], [0.6, -0.9]],
  [[0.05, -0.1, 0.2], [-0.3, 0.4]],
];
const groups = { lrMult: [1, 10], decayMult: [1, 0] };

const torchScript = `
import json, sys, torch
cfg = json.load(sys.stdin)
params = [torch.nn.Parameter(torch.tensor(v, dtype=torch.float64)) for v in cfg['initial']]
lr, wd = cfg['lr'], cfg['weight_decay']
groups = [{'params': [p], 'lr': lr * m, 'weight_decay': wd * d} for p, m, d in zip(params, cfg['lrMult'], cfg['decayMult'])]
kind = cfg['kind']
opt = torch.optim.SGD(groups, lr=lr) if kind == 'sgd' else torch.optim.SGD(groups, lr=lr, momentum=0.9) if kind == 'momentum' else torch.optim.Adam(groups, lr=lr, betas=(0.9, 0.999), eps=1e-8)
for step in cfg['gradients']:
    for p, g in zip(params, step):
        p.grad = None if g is None else torch.tensor(g, dtype=torch.float64)
    opt.step()
print(json.dumps([p.detach().tolist() for p in params]))
`;

async function netcSteps(kind: OptimizerKind, lr: number, weightDecay: number): Promise<number[][]> {
  const variables = initial.map((v) => tf.variable(tf.tensor1d(v)));
  const optimizer = new Optimizer(defaultOptimizerConfig(kind, weightDecay), variables, groups);
  const before = tf.memory().numTensors;
  for (const step of gradients) {
    const grads: tf.NamedTensorMap = {};
    step.forEach((g, i) => {
      if (g) grads[variables[i].name] = tf.tensor1d(g);
    });
    optimizer.apply(grads, lr);
    tf.dispose(Object.values(grads));
  }
  const after = tf.memory().numTensors;
  const values = await Promise.all(variables.map(async (v) => [...(await v.data())]));
  if (after !== before) throw new Error(`the optimizer leaked ${after - before} tensors`);
  optimizer.dispose();
  tf.dispose(variables);
  return values;
}

for (const [kind, lr, weightDecay] of [['sgd', 0.1, 0.01], ['momentum', 0.05, 0.01], ['adam', 0.01, 0.001]] as const) {
  test(`${kind}: lr ×[1, 10], decay ×[1, 0], a parameter frozen for two steps — equal to torch.optim's parameter groups`, async (t) => {
    const status = pythonStatus();
    if (!status.ready) {
      if (pythonRequired()) t.fail(status.reason);
      else t.log(`skipped: ${status.reason}`), t.pass();
      return;
    }
    const want = runPython<number[][]>(torchScript, { initial, gradients, kind, lr, weight_decay: weightDecay, ...groups });
    const got = await netcSteps(kind, lr, weightDecay);
    for (let p = 0; p < want.length; p++) for (let i = 0; i < want[p].length; i++) t.true(Math.abs(got[p][i] - want[p][i]) < 1e-6, `${kind} param ${p}[${i}]: netc ${got[p][i]}, torch ${want[p][i]}`);
    // The frozen parameter's own step count started at its first gradient.
  });
}

test('step counts are per parameter: a parameter without a gradient keeps its count', async (t) => {
  const variables = initial.map((v) => tf.variable(tf.tensor1d(v)));
  const optimizer = new Optimizer(defaultOptimizerConfig('adam'), variables, groups);
  const g = tf.tensor1d([1, 1, 1]);
  optimizer.apply({ [variables[0].name]: g }, 0.1);
  optimizer.apply({ [variables[0].name]: g }, 0.1);
  t.is(optimizer.step, 2);
  t.deepEqual(optimizer.steps, [2, 0]);
  t.deepEqual([...(await variables[1].data())], [0.75, 0.10000000149011612]);
  g.dispose();
  optimizer.dispose();
  tf.dispose(variables);
});

test('parameter groups must cover every variable', (t) => {
  const v = tf.variable(tf.zeros([2]));
  t.throws(() => new Optimizer(defaultOptimizerConfig('sgd'), [v], { lrMult: [1, 2], decayMult: [1] }), { message: /cover every variable/ });
  v.dispose();
});
