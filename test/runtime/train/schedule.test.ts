// --schedule onecycle against torch.optim.lr_scheduler.OneCycleLR (max_lr = --lr, its default pct_start, div
// factors and cosine anneal): the rate of every step, for several lengths; and the per-epoch schedules unchanged.
import test from 'ava';
import { learningRate, oneCycle, oneCycleRate, perStep, type Schedule } from '../../../runtime/train/schedule.js';
import { pythonRequired, pythonStatus, runPython } from '../../helpers/python.js';

const status = pythonStatus();
const torchTest = status.ready || pythonRequired() ? test : test.skip;

const script = String.raw`
import json, sys, torch
out = []
for c in json.load(sys.stdin):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=c['lr'])
    s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=c['lr'], epochs=c['epochs'], steps_per_epoch=c['steps'], cycle_momentum=False)
    rates = []
    for _ in range(c['epochs'] * c['steps']):
        rates.append(opt.param_groups[0]['lr'])
        opt.step()
        s.step()
    out.append(rates)
print(json.dumps(out))
`;

const cases = [
  { lr: 0.1, epochs: 3, steps: 7 },
  { lr: 0.05, epochs: 10, steps: 235 },
  { lr: 1, epochs: 1, steps: 4 },
  { lr: 0.4, epochs: 2, steps: 1 },
];

torchTest('onecycle: every step\'s rate equals OneCycleLR\'s (3×7, 10×235, 1×4 and 2×1 steps) within 1e-12 relative', (t) => {
  if (!status.ready) return t.fail(status.reason);
  const want = runPython<number[][]>(script, cases);
  cases.forEach((c, k) => {
    const s: Schedule = { kind: 'onecycle', lr: c.lr, epochs: c.epochs, stepSize: 1, gamma: 0.1 };
    const got = Array.from({ length: c.epochs * c.steps }, (_, i) => learningRate(s, Math.floor(i / c.steps), i % c.steps, c.steps));
    t.is(got.length, want[k].length);
    const worst = Math.max(...got.map((r, i) => Math.abs(r - want[k][i]) / c.lr));
    t.true(worst <= 1e-12, `${c.epochs}×${c.steps}: off by ${worst} of max_lr`);
  });
});

test('onecycle starts at max_lr / 25, peaks at max_lr 30 % of the way, and ends at max_lr / 25 / 1e4', (t) => {
  const total = 1000;
  const rates = Array.from({ length: total }, (_, i) => oneCycleRate(2, i, total));
  t.true(Math.abs(rates[0] - 2 / oneCycle.divFactor) < 1e-15, `${rates[0]}`);
  const peak = rates.indexOf(Math.max(...rates));
  t.is(peak, 299);
  t.true(Math.abs(rates[total - 1] - 2 / 25 / 1e4) < 1e-15, `${rates[total - 1]}`);
  t.true(perStep({ kind: 'onecycle', lr: 1, epochs: 1, stepSize: 1, gamma: 1 }));
  t.false(perStep({ kind: 'cosine', lr: 1, epochs: 1, stepSize: 1, gamma: 1 }));
});

test('the per-epoch schedules ignore the step within the epoch', (t) => {
  for (const kind of ['constant', 'cosine', 'step'] as const) {
    const s: Schedule = { kind, lr: 0.1, epochs: 6, stepSize: 2, gamma: 0.5 };
    for (let e = 0; e < 6; e++) t.is(learningRate(s, e, 17, 40), learningRate(s, e), `${kind} epoch ${e}`);
  }
  t.is(learningRate({ kind: 'step', lr: 0.1, epochs: 6, stepSize: 2, gamma: 0.5 }, 5), 0.1 * 0.25);
});
