// crossEntropy with label smoothing against torch.nn.CrossEntropyLoss(label_smoothing=ε): the loss and its
// gradient with respect to the logits, for the same logits and labels.
import test from 'ava';
import * as tf from '../../../runtime/tfjs.js';
import { crossEntropy } from '../../../runtime/train/loss.js';
import { Rng } from '../../../runtime/rng.js';
import { useCpu } from '../../helpers/tf.js';
import { pythonRequired, pythonStatus, runPython } from '../../helpers/python.js';

test.before(useCpu);

// Without torch the comparison is skipped (with the reason), except in CI, where it must run.
const status = pythonStatus();
const torchTest = status.ready || pythonRequired() ? test : test.skip;

const script = String.raw`
import json, sys, torch
cfg = json.load(sys.stdin)
out = []
for eps in cfg['smoothing']:
    logits = torch.tensor(cfg['logits'], dtype=torch.float64, requires_grad=True)
    loss = torch.nn.CrossEntropyLoss(label_smoothing=eps)(logits, torch.tensor(cfg['labels']))
    loss.backward()
    out.append({'loss': loss.item(), 'grad': logits.grad.tolist()})
print(json.dumps(out))
`;

const ROWS = 6;
const CLASSES = 5;
const SMOOTHING = [0, 0.1, 0.35, 0.9];

torchTest(`label smoothing ${SMOOTHING.join(', ')}: loss and logit gradients equal CrossEntropyLoss(label_smoothing=ε) within 1e-5`, (t) => {
  if (!status.ready) return t.fail(status.reason);
  const rng = new Rng(5);
  const logits = Array.from({ length: ROWS }, () => Array.from({ length: CLASSES }, () => (rng.next() - 0.5) * 6));
  const labels = Array.from({ length: ROWS }, (_, i) => (i * 3) % CLASSES);
  const want = runPython<{ loss: number; grad: number[][] }[]>(script, { logits, labels, smoothing: SMOOTHING });
  SMOOTHING.forEach((eps, k) => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(logits);
    const y = tf.tensor1d(labels, 'int32');
    const { value, grad } = tf.valueAndGrad((l: tf.Tensor) => crossEntropy(l, y, eps))(x);
    const loss = value.dataSync()[0];
    t.true(Math.abs(loss - want[k].loss) < 1e-5, `ε ${eps}: loss ${loss} vs torch ${want[k].loss}`);
    const g = grad.arraySync() as number[][];
    const worst = Math.max(...g.flatMap((row, i) => row.map((v, j) => Math.abs(v - want[k].grad[i][j]))));
    t.true(worst < 1e-5, `ε ${eps}: logit gradients differ by up to ${worst}`);
    tf.dispose([x, y, value, grad]);
    t.is(tf.memory().numTensors, before, `ε ${eps}: no tensors left behind`);
  });
  t.not(want[0].loss, want[1].loss, 'smoothing changes the loss');
});

test('label smoothing 0 is the plain cross-entropy: −log softmax of the label', (t) => {
  const x = tf.tensor2d([[2, 0, -1]]);
  const y = tf.tensor1d([0], 'int32');
  const plain = crossEntropy(x, y).dataSync()[0];
  const want = -(2 - Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1)));
  t.true(Math.abs(plain - want) < 1e-6, `${plain} vs ${want}`);
  // Full smoothing towards uniform would be the mean −log p over the classes; ε = 0.5 is halfway.
  const logp = [2, 0, -1].map((v) => v - Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1)));
  const half = crossEntropy(x, y, 0.5).dataSync()[0];
  t.true(Math.abs(half - (0.5 * -logp[0] + 0.5 * -(logp[0] + logp[1] + logp[2]) / 3)) < 1e-6, `${half}`);
  tf.dispose([x, y]);
});
