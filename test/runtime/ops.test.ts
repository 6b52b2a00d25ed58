// Every IR op on the cpu backend: forward against naive NCHW references with PyTorch's semantics, analytic
// gradients against central finite differences, and no tensors left behind by a forward or a gradient.
import test, { type ExecutionContext } from 'ava';
import * as tf from '../../runtime/tfjs.js';
import type { Ir } from '../../compiler/ir.js';
import { Model, type TorchWeights } from '../../runtime/model.js';
import { Rng } from '../../runtime/rng.js';
import { evalContext, trainingContext, type BatchStats } from '../../runtime/forward_context.js';
import type { LoweringContext } from '../../runtime/ops/lowering.js';
import { mustCompile } from '../helpers/files.js';
import { useCpu } from '../helpers/tf.js';

test.before(useCpu);

// ---------------------------------------------------------------------------------------------------------
// Naive references (row-major NCHW / [N, F] arrays in float64, PyTorch-layout weights), written for clarity.

/** A row-major array and its shape. */
interface Arr {
  shape: number[];
  data: Float64Array;
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const zeros = (shape: number[]): Arr => ({ shape, data: new Float64Array(count(shape)) });
const map = (x: Arr, f: (v: number) => number): Arr => ({ shape: x.shape, data: x.data.map(f) });
type Int2 = [number, number];

interface ConvOptions {
  stride: Int2;
  pad: Int2;
  dilation: Int2;
  groups: number;
}

/** torch.nn.functional.conv2d: x [N, C, H, W], w [O, C/g, KH, KW]. */
function refConv(x: Arr, w: Arr, b: Arr | undefined, { stride: [sh, sw], pad: [ph, pw], dilation: [dh, dw], groups }: ConvOptions): Arr {
  const [n, c, h, wd] = x.shape;
  const [o, cg, kh, kw] = w.shape;
  const oh = Math.floor((h + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((wd + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  const y = zeros([n, o, oh, ow]);
  const og = o / groups;
  for (let b0 = 0; b0 < n; b0++)
    for (let oc = 0; oc < o; oc++) {
      const g = Math.floor(oc / og);
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          let s = b ? b.data[oc] : 0;
          for (let ci = 0; ci < cg; ci++) {
            const ic = g * cg + ci;
            for (let ky = 0; ky < kh; ky++)
              for (let kx = 0; kx < kw; kx++) {
                const iy = oy * sh - ph + ky * dh;
                const ix = ox * sw - pw + kx * dw;
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                s += x.data[((b0 * c + ic) * h + iy) * wd + ix] * w.data[((oc * cg + ci) * kh + ky) * kw + kx];
              }
          }
          y.data[((b0 * o + oc) * oh + oy) * ow + ox] = s;
        }
    }
  return y;
}

/** max_pool2d (padding is −∞) or avg_pool2d with count_include_pad=True (divisor kh·kw). */
function refPool(kind: 'max' | 'avg', x: Arr, [kh, kw]: Int2, [sh, sw]: Int2, [ph, pw]: Int2): Arr {
  const [n, c, h, wd] = x.shape;
  const oh = Math.floor((h + 2 * ph - kh) / sh) + 1;
  const ow = Math.floor((wd + 2 * pw - kw) / sw) + 1;
  const y = zeros([n, c, oh, ow]);
  for (let p = 0; p < n * c; p++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++) {
        let best = -Infinity;
        let sum = 0;
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++) {
            const iy = oy * sh - ph + ky;
            const ix = ox * sw - pw + kx;
            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
            const v = x.data[(p * h + iy) * wd + ix];
            best = Math.max(best, v);
            sum += v;
          }
        y.data[(p * oh + oy) * ow + ox] = kind === 'max' ? best : sum / (kh * kw);
      }
  return y;
}

function refGlobalAvg(x: Arr): Arr {
  const [n, c, h, w] = x.shape;
  const y = zeros([n, c, 1, 1]);
  for (let p = 0; p < n * c; p++) {
    let s = 0;
    for (let i = 0; i < h * w; i++) s += x.data[p * h * w + i];
    y.data[p] = s / (h * w);
  }
  return y;
}

/** torch.flatten(x, 1): the data is already in C, H, W order. */
const refFlatten = (x: Arr): Arr => ({ shape: [x.shape[0], count(x.shape.slice(1))], data: x.data });

/** torch.nn.functional.linear: x [N, F], w [O, F]. */
function refDense(x: Arr, w: Arr, b?: Arr): Arr {
  const [n, f] = x.shape;
  const o = w.shape[0];
  const y = zeros([n, o]);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < o; j++) {
      let s = b ? b.data[j] : 0;
      for (let k = 0; k < f; k++) s += x.data[i * f + k] * w.data[j * f + k];
      y.data[i * o + j] = s;
    }
  return y;
}

/** The channel (dim 1) of flat index i, for [N, C] or [N, C, H, W]. */
const channelOf = (shape: number[], i: number) => Math.floor(i / count(shape.slice(2))) % shape[1];

/** Per-channel mean and biased variance over every dim but 1. */
function channelMoments(x: Arr): { mean: number[]; variance: number[]; perChannel: number } {
  const c = x.shape[1];
  const perChannel = x.data.length / c;
  const mean = new Array<number>(c).fill(0);
  const variance = new Array<number>(c).fill(0);
  x.data.forEach((v, i) => (mean[channelOf(x.shape, i)] += v / perChannel));
  x.data.forEach((v, i) => (variance[channelOf(x.shape, i)] += (v - mean[channelOf(x.shape, i)]) ** 2 / perChannel));
  return { mean, variance, perChannel };
}

function refBatchNorm(x: Arr, mean: ArrayLike<number>, variance: ArrayLike<number>, gamma: Arr, beta: Arr, eps: number): Arr {
  return { shape: x.shape, data: x.data.map((v, i) => {
    const c = channelOf(x.shape, i);
    return ((v - mean[c]) / Math.sqrt(variance[c] + eps)) * gamma.data[c] + beta.data[c];
  }) };
}

/** torch.nn.LocalResponseNorm: b_c = a_c / (k + α/n · Σ_{c−⌊n/2⌋ ≤ c' ≤ c+⌊(n−1)/2⌋} a_c'²)^β. */
function refLrn(x: Arr, size: number, alpha: number, beta: number, k: number): Arr {
  const [n, c, h, w] = x.shape;
  const y = zeros(x.shape);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let p = 0; p < h * w; p++) {
        let s = 0;
        for (let j = ch - Math.floor(size / 2); j <= ch + Math.floor((size - 1) / 2); j++) if (j >= 0 && j < c) s += x.data[(b * c + j) * h * w + p] ** 2;
        const i = (b * c + ch) * h * w + p;
        y.data[i] = x.data[i] / (k + (alpha / size) * s) ** beta;
      }
  return y;
}

/** softmax over dim 1 (features, or channels of an image). */
function refSoftmax(x: Arr): Arr {
  const [n, c] = x.shape;
  const inner = count(x.shape.slice(2));
  const y = zeros(x.shape);
  for (let b = 0; b < n; b++)
    for (let p = 0; p < inner; p++) {
      const at = (ch: number) => (b * c + ch) * inner + p;
      let max = -Infinity;
      for (let ch = 0; ch < c; ch++) max = Math.max(max, x.data[at(ch)]);
      let s = 0;
      for (let ch = 0; ch < c; ch++) s += Math.exp(x.data[at(ch)] - max);
      for (let ch = 0; ch < c; ch++) y.data[at(ch)] = Math.exp(x.data[at(ch)] - max) / s;
    }
  return y;
}

/** ShuffleNet: x.view(N, g, C/g, H, W).transpose(1, 2).reshape(N, C, H, W). */
function refShuffle(x: Arr, g: number): Arr {
  const [n, c, h, w] = x.shape;
  const k = c / g;
  const y = zeros(x.shape);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < g; i++)
      for (let j = 0; j < k; j++)
        for (let p = 0; p < h * w; p++) y.data[(b * c + j * g + i) * h * w + p] = x.data[(b * c + i * k + j) * h * w + p];
  return y;
}

/** torch.cat(xs, dim=1). */
function refConcat(xs: Arr[]): Arr {
  const n = xs[0].shape[0];
  const inner = count(xs[0].shape.slice(2));
  const c = xs.reduce((s, x) => s + x.shape[1], 0);
  const y = zeros([n, c, ...xs[0].shape.slice(2)]);
  for (let b = 0; b < n; b++) {
    let offset = 0;
    for (const x of xs) {
      const chunk = x.shape[1] * inner;
      y.data.set(x.data.subarray(b * chunk, (b + 1) * chunk), (b * c * inner) + offset);
      offset += chunk;
    }
  }
  return y;
}

const refAdd = (a: Arr, b: Arr): Arr => ({ shape: a.shape, data: a.data.map((v, i) => v + b.data[i]) });

/** x [N, C, H, W] times a gate [N, C], [N, C, 1, 1] or [N, C, H, W]. */
function refScale(x: Arr, gate: Arr): Arr {
  const [n, c, h, w] = x.shape;
  const full = gate.data.length === x.data.length;
  return { shape: x.shape, data: x.data.map((v, i) => v * gate.data[full ? i : Math.floor(i / (h * w))]) };
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

// ---------------------------------------------------------------------------------------------------------
// Running a tiny network: compile, random PyTorch-layout weights, NCHW in, NCHW out.

type Weight = (name: string) => Arr;

interface Built {
  ir: Ir;
  model: Model;
  w: Weight;
}

function randomArr(shape: number[], rng: Rng, low = -1, high = 1): Arr {
  const data = new Float64Array(count(shape));
  for (let i = 0; i < data.length; i++) data[i] = Math.fround(rng.uniform(low, high));
  return { shape, data };
}

/** Compiles `source` and loads random weights (running variances positive) through importWeights. */
function build(source: string, seed: number): Built {
  const ir = mustCompile(source);
  const model = Model.create(ir, new Rng(seed));
  const rng = new Rng(seed + 1000);
  const weights: TorchWeights = new Map();
  for (const p of ir.nodes.flatMap((node) => node.params)) {
    const [low, high] = p.name.endsWith('running_var') ? [0.3, 2] : [-1, 1];
    weights.set(p.name, { shape: p.shape, data: Float32Array.from(randomArr(p.shape, rng, low, high).data) });
  }
  model.importWeights(weights);
  const w = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`no weight '${name}'`);
    return { shape: t.shape, data: Float64Array.from(t.data) };
  };
  return { ir, model, w };
}

/** NCHW (or [N, F]) data -> the NHWC tensor the model takes. */
function toModelInput(x: Arr): tf.Tensor {
  const t = tf.tensor(Float32Array.from(x.data), x.shape);
  return x.shape.length === 4 ? tf.transpose(t, [0, 2, 3, 1]) : t;
}

/** One forward pass in tf.tidy; returns the output in NCHW and how many tensors it left behind. */
function forward(model: Model, x: Arr, ctx: LoweringContext): { y: Arr; leaked: number } {
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const y = model.forward(toModelInput(x), ctx);
    return y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y;
  });
  const y = { shape: out.shape, data: Float64Array.from(out.dataSync()) };
  out.dispose();
  return { y, leaked: tf.memory().numTensors - before };
}

/** |actual − expected| ≤ tol·max(1, |expected|) everywhere, and the same shape; NaN fails. */
function assertClose(t: ExecutionContext, actual: Arr, expected: Arr, tol = 1e-5, what = 'output'): void {
  t.deepEqual(actual.shape, expected.shape, `${what} shape`);
  let worst = 0;
  let at = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const err = Math.abs(actual.data[i] - expected.data[i]) / Math.max(1, Math.abs(expected.data[i]));
    if (!(err <= worst)) [worst, at] = [Number.isNaN(err) ? Infinity : err, i];
  }
  t.true(worst <= tol, `${what}: worst error ${worst} at ${at}: got ${actual.data[at]}, expected ${expected.data[at]}`);
}

const fmt = (s: number[]) => `[${s.join(',')}]`;
const src = (input: number[], body: string) => `network N {\n  input [${input.join(', ')}]\n  ${body}\n}`;

interface ForwardCase {
  label: string;
  input: number[];
  body: string;
  ref: (x: Arr, w: Weight) => Arr;
  batch?: number;
  /** Input values range (default U(−1, 1)). */
  range?: [number, number];
}

function forwardTest(c: ForwardCase): void {
  const source = src(c.input, c.body);
  const ir = mustCompile(source);
  const outShape = ir.nodes.find((n) => n.name === ir.output)!.shape;
  test.serial(`${c.label} ${fmt(c.input)} -> ${fmt(outShape)}`, (t) => {
    const { model, w } = build(source, 7);
    const x = randomArr([c.batch ?? 2, ...c.input], new Rng(11), ...(c.range ?? [-1, 1]));
    const { y, leaked } = forward(model, x, evalContext());
    t.is(leaked, 0, 'the forward pass in tf.tidy leaves no tensors');
    assertClose(t, y, c.ref(x, w));
    model.dispose();
  });
}

// ---------------------------------------------------------------------------------------------------------
// (a) forward correctness

interface ConvCase {
  input: number[];
  out: number;
  k: number | Int2;
  s?: number | Int2;
  pad?: number | Int2;
  d?: number | Int2;
  groups?: number;
  bias?: boolean;
}

const int2 = (v: number | Int2 | undefined, dflt: number): Int2 => (v === undefined ? [dflt, dflt] : typeof v === 'number' ? [v, v] : v);
const attr = (v: number | Int2) => (typeof v === 'number' ? `${v}` : `[${v.join(', ')}]`);
const short = (v: number | Int2) => (typeof v === 'number' ? `${v}` : v.join('x'));

function convCase(c: ConvCase): ForwardCase {
  const parts = [`kernel: ${attr(c.k)}`];
  if (c.s !== undefined) parts.push(`stride: ${attr(c.s)}`);
  if (c.pad !== undefined) parts.push(`pad: ${attr(c.pad)}`);
  if (c.d !== undefined) parts.push(`dilation: ${attr(c.d)}`);
  if (c.groups !== undefined) parts.push(`groups: ${c.groups}`);
  if (c.bias === false) parts.push('bias: false');
  const groups = c.groups ?? 1;
  const kind = groups > 1 && groups === c.input[0] ? (c.out === groups ? ' depthwise' : ` depthwise×${c.out / groups}`) : '';
  const label = `conv${kind} k=${short(c.k)} s=${short(c.s ?? 1)} pad=${short(c.pad ?? 0)}${c.d ? ` d=${short(c.d)}` : ''} groups=${groups}${c.bias === false ? ' no bias' : ''}`;
  const options = { stride: int2(c.s, 1), pad: int2(c.pad, 0), dilation: int2(c.d, 1), groups };
  return {
    label,
    input: c.input,
    body: `conv(${c.out}, ${parts.join(', ')})`,
    ref: (x, w) => refConv(x, w('conv1.weight'), c.bias === false ? undefined : w('conv1.bias'), options),
  };
}

const convCases: ConvCase[] = [
  { input: [3, 7, 7], out: 4, k: 3 },
  { input: [3, 7, 7], out: 4, k: 3, s: 2, pad: 1, groups: 1 },
  { input: [4, 7, 7], out: 6, k: 3, s: 2, pad: 1, groups: 2 },
  { input: [6, 5, 6], out: 9, k: 3, pad: 1, groups: 3, bias: false },
  { input: [4, 5, 5], out: 8, k: 1, groups: 2 },
  { input: [3, 8, 8], out: 5, k: 3, bias: false },
  { input: [1, 12, 12], out: 6, k: 5, pad: 2 },
  { input: [3, 6, 7], out: 4, k: [2, 3], s: [1, 2], pad: [1, 0] },
  { input: [3, 9, 9], out: 4, k: 3, pad: 2, d: 2 },
  { input: [3, 9, 8], out: 4, k: [3, 2], s: 2, pad: 1, d: [2, 3] },
  { input: [4, 6, 6], out: 4, k: 3, s: 2, pad: 1, groups: 4 },
  { input: [3, 7, 6], out: 6, k: 3, pad: 1, groups: 3 },
  { input: [4, 8, 8], out: 4, k: 3, pad: 2, d: 2, groups: 4 },
  { input: [4, 9, 9], out: 8, k: [3, 5], s: [2, 1], pad: [0, 2], groups: 4, bias: false },
  { input: [2, 5, 5], out: 3, k: 1, pad: 1 },
  { input: [1, 6, 6], out: 2, k: 3, groups: 1 },
];
for (const c of convCases) forwardTest(convCase(c));

const poolCases: { op: 'maxpool' | 'avgpool'; input: number[]; k: number | Int2; s?: number | Int2; pad?: number | Int2; range?: [number, number] }[] = [
  { op: 'maxpool', input: [3, 7, 7], k: 3, s: 2, pad: 1, range: [-2, -1] },
  { op: 'maxpool', input: [2, 6, 6], k: 2 },
  { op: 'maxpool', input: [2, 5, 6], k: [3, 2], s: [1, 2], pad: [1, 1], range: [-3, -1] },
  { op: 'maxpool', input: [2, 8, 8], k: 3, s: 1, pad: 1 },
  { op: 'maxpool', input: [2, 4, 5], k: 2, s: 1, pad: 1, range: [-2, -1] },
  { op: 'avgpool', input: [3, 7, 7], k: 3, s: 2, pad: 1 },
  { op: 'avgpool', input: [2, 4, 5], k: 2, s: 2, pad: 1, range: [1, 2] },
  { op: 'avgpool', input: [2, 6, 6], k: 2, s: 2 },
  { op: 'avgpool', input: [2, 5, 6], k: [3, 2], s: 1, pad: [1, 0], range: [1, 2] },
];
for (const p of poolCases) {
  const parts = [attr(p.k), ...(p.s !== undefined ? [`stride: ${attr(p.s)}`] : []), ...(p.pad !== undefined ? [`pad: ${attr(p.pad)}`] : [])];
  forwardTest({
    label: `${p.op} k=${short(p.k)} s=${short(p.s ?? p.k)} pad=${short(p.pad ?? 0)}${p.range ? ` inputs in [${p.range}]` : ''}`,
    input: p.input,
    body: `${p.op}(${parts.join(', ')})`,
    range: p.range,
    ref: (x) => refPool(p.op === 'maxpool' ? 'max' : 'avg', x, int2(p.k, 1), int2(p.s ?? p.k, 1), int2(p.pad, 0)),
  });
}

forwardTest({ label: 'global_avgpool', input: [3, 5, 4], body: 'global_avgpool', ref: refGlobalAvg });
forwardTest({ label: 'flatten keeps C,H,W order', input: [3, 2, 4], body: 'flatten', ref: refFlatten });
forwardTest({ label: 'dense', input: [5], body: 'dense(3)', ref: (x, w) => refDense(x, w('dense1.weight'), w('dense1.bias')) });
forwardTest({ label: 'dense no bias', input: [6], body: 'dense(4, bias: false)', ref: (x, w) => refDense(x, w('dense1.weight')) });
forwardTest({ label: 'flatten; dense (weights in PyTorch C,H,W order)', input: [3, 2, 3], body: 'flatten; dense(4)', ref: (x, w) => refDense(refFlatten(x), w('dense1.weight'), w('dense1.bias')) });
forwardTest({ label: 'global_avgpool; flatten; dense', input: [4, 3, 3], body: 'global_avgpool; flatten; dense(2)', ref: (x, w) => refDense(refFlatten(refGlobalAvg(x)), w('dense1.weight'), w('dense1.bias')) });

const bnEval = (eps: number) => (x: Arr, w: Weight) =>
  refBatchNorm(x, w('batchnorm1.running_mean').data, w('batchnorm1.running_var').data, w('batchnorm1.weight'), w('batchnorm1.bias'), eps);
forwardTest({ label: 'batchnorm eval (running stats) 2-D', input: [3, 4, 4], body: 'batchnorm', ref: bnEval(1e-5) });
forwardTest({ label: 'batchnorm eval eps=0.1 2-D', input: [3, 4, 4], body: 'batchnorm(eps: 0.1)', ref: bnEval(0.1) });
forwardTest({ label: 'batchnorm eval 1-D', input: [5], body: 'batchnorm', ref: bnEval(1e-5) });

const lrnCases: [size: number, alpha: number, beta: number, k: number, channels: number][] = [
  [5, 1e-4, 0.75, 2, 7],
  [5, 0.5, 0.75, 2, 7],
  [4, 0.9, 0.75, 1, 6],
  [2, 1, 0.5, 1.5, 5],
  [3, 2, 1, 1, 4],
  [1, 1, 0.75, 1, 3],
  [7, 1, 0.75, 1, 3],
];
for (const [size, alpha, beta, k, c] of lrnCases) {
  forwardTest({
    label: `lrn size=${size} alpha=${alpha} beta=${beta} k=${k}`,
    input: [c, 3, 2],
    body: `lrn(${size}, alpha: ${alpha}, beta: ${beta}, k: ${k})`,
    range: [-2, 2],
    ref: (x) => refLrn(x, size, alpha, beta, k),
  });
}

forwardTest({ label: 'relu', input: [3, 3, 3], body: 'relu', ref: (x) => map(x, (v) => Math.max(0, v)) });
forwardTest({ label: 'sigmoid', input: [3, 3, 3], body: 'sigmoid', range: [-4, 4], ref: (x) => map(x, sigmoid) });
forwardTest({ label: 'tanh', input: [5], body: 'tanh', range: [-3, 3], ref: (x) => map(x, Math.tanh) });
forwardTest({ label: 'softmax over channels (image)', input: [4, 3, 2], body: 'softmax', range: [-3, 3], ref: refSoftmax });
forwardTest({ label: 'softmax over features (flat)', input: [6], body: 'softmax', range: [-3, 3], ref: refSoftmax });
forwardTest({ label: 'identity', input: [2, 3, 3], body: 'identity', ref: (x) => x });

forwardTest({ label: 'channel_shuffle groups=2', input: [6, 2, 3], body: 'channel_shuffle(2)', ref: (x) => refShuffle(x, 2) });
forwardTest({ label: 'channel_shuffle groups=3', input: [12, 2, 2], body: 'channel_shuffle(3)', ref: (x) => refShuffle(x, 3) });
forwardTest({ label: 'channel_shuffle groups=4 of 8', input: [8, 1, 3], body: 'channel_shuffle(4)', ref: (x) => refShuffle(x, 4) });

forwardTest({
  label: 'concat conv | maxpool | identity (channels)',
  input: [3, 5, 5],
  body: 'concat { branch { conv(2, kernel: 1) } branch { maxpool(3, stride: 1, pad: 1) } branch { identity } }',
  ref: (x, w) => refConcat([refConv(x, w('conv1.weight'), w('conv1.bias'), { stride: [1, 1], pad: [0, 0], dilation: [1, 1], groups: 1 }), refPool('max', x, [3, 3], [1, 1], [1, 1]), x]),
});
forwardTest({
  label: 'concat dense | identity (features)',
  input: [4],
  body: 'concat { branch { dense(3) } branch { identity } }',
  ref: (x, w) => refConcat([refDense(x, w('dense1.weight'), w('dense1.bias')), x]),
});
const conv3 = { stride: [1, 1] as Int2, pad: [1, 1] as Int2, dilation: [1, 1] as Int2, groups: 1 };
forwardTest({
  label: 'residual add (identity shortcut)',
  input: [4, 5, 5],
  body: 'residual { conv(4, kernel: 3, pad: 1) }',
  ref: (x, w) => refAdd(refConv(x, w('conv1.weight'), w('conv1.bias'), conv3), x),
});
forwardTest({
  label: 'residual add (projection shortcut)',
  input: [3, 6, 6],
  body: 'residual { conv(4, kernel: 3, pad: 1, stride: 2) } shortcut { conv(4, kernel: 1, stride: 2) }',
  ref: (x, w) => refAdd(refConv(x, w('conv1.weight'), w('conv1.bias'), { ...conv3, stride: [2, 2] }), refConv(x, w('shortcut.conv1.weight'), w('shortcut.conv1.bias'), { ...conv3, stride: [2, 2], pad: [0, 0] })),
});
forwardTest({
  label: 'scale by a [C] gate (squeeze-excite)',
  input: [4, 3, 5],
  body: 'scale { global_avgpool; flatten; dense(4); sigmoid }',
  ref: (x, w) => refScale(x, map(refDense(refFlatten(refGlobalAvg(x)), w('dense1.weight'), w('dense1.bias')), sigmoid)),
});
forwardTest({
  label: 'scale by a [C,1,1] gate',
  input: [4, 3, 3],
  body: 'scale { global_avgpool; conv(4, kernel: 1) }',
  ref: (x, w) => refScale(x, refConv(refGlobalAvg(x), w('conv1.weight'), w('conv1.bias'), { ...conv3, pad: [0, 0] })),
});
forwardTest({
  label: 'scale by a [C,H,W] gate',
  input: [3, 4, 4],
  body: 'scale { conv(3, kernel: 3, pad: 1); sigmoid }',
  ref: (x, w) => refScale(x, map(refConv(x, w('conv1.weight'), w('conv1.bias'), conv3), sigmoid)),
});

// batchnorm in training mode: batch statistics (biased variance) and the running-statistic update.
function batchNormTrainingTest(input: number[], batch: number, momentum?: number, eps = 1e-5): void {
  const body = `batchnorm(eps: ${eps}${momentum === undefined ? '' : `, momentum: ${momentum}`})`;
  const m = momentum ?? 0.1;
  test.serial(`batchnorm training ${input.length === 1 ? '1-D' : '2-D'} momentum=${m} eps=${eps} ${fmt([batch, ...input])}: batch stats, then running stats with the unbiased variance`, async (t) => {
    const { model, w } = build(src(input, body), 3);
    const x = randomArr([batch, ...input], new Rng(5), -2, 3);
    const before = tf.memory().numTensors;
    const stats: BatchStats[] = [];
    const { y } = forward(model, x, trainingContext(new Rng(1), tf.keep, stats));
    const { mean, variance, perChannel } = channelMoments(x);
    assertClose(t, y, refBatchNorm(x, mean, variance, w('batchnorm1.weight'), w('batchnorm1.bias'), eps), 1e-5, 'training output');
    t.is(stats.length, 1, 'one batchnorm records its batch statistics');
    model.applyBatchStats(stats);
    t.is(tf.memory().numTensors, before, 'forward + applyBatchStats leave no tensors');
    const after = await model.exportWeights();
    const unbiased = variance.map((v) => (v * perChannel) / (perChannel - 1));
    const expectMean = w('batchnorm1.running_mean').data.map((old, c) => (1 - m) * old + m * mean[c]);
    const expectVar = w('batchnorm1.running_var').data.map((old, c) => (1 - m) * old + m * unbiased[c]);
    const c = input[0];
    assertClose(t, { shape: [c], data: Float64Array.from(after.get('batchnorm1.running_mean')!.data) }, { shape: [c], data: expectMean }, 1e-6, 'running_mean');
    assertClose(t, { shape: [c], data: Float64Array.from(after.get('batchnorm1.running_var')!.data) }, { shape: [c], data: expectVar }, 1e-6, 'running_var');
    // The biased variance would give a visibly different running_var: the check can tell them apart.
    const biasedVar = w('batchnorm1.running_var').data.map((old, c) => (1 - m) * old + m * variance[c]);
    t.true(Math.abs(biasedVar[0] - expectVar[0]) > 1e-4);
    // Eval mode afterwards uses the updated running statistics.
    const { y: yEval } = forward(model, x, evalContext());
    assertClose(t, yEval, refBatchNorm(x, expectMean, expectVar, w('batchnorm1.weight'), w('batchnorm1.bias'), eps), 1e-5, 'eval output after the update');
    model.dispose();
  });
}
batchNormTrainingTest([3, 4, 5], 3);
batchNormTrainingTest([3, 2, 2], 2, 0.3, 1e-3);
batchNormTrainingTest([5], 4);
batchNormTrainingTest([4], 3, 0.5);

// ---------------------------------------------------------------------------------------------------------
// (b) gradients: tfjs's analytic gradient of sum(output · R) against central finite differences.

interface GradCase {
  label: string;
  input: number[];
  body: string;
  batch?: number;
  training?: boolean;
  /** Distinct, well-separated input values (maxpool: no argmax switches under the step). */
  distinct?: boolean;
  step?: number;
}

let variableId = 0;

function gradientTest(c: GradCase): void {
  const source = src(c.input, c.body);
  test.serial(`gradient ${c.label} ${fmt(c.input)}${c.training ? ' (training mode)' : ''}`, (t) => {
    const startTensors = tf.memory().numTensors;
    const { model } = build(source, 21);
    const rng = new Rng(17);
    const batch = c.batch ?? 2;
    let x = randomArr([batch, ...c.input], rng);
    if (c.distinct) {
      const order = rng.permutation(x.data.length);
      x = { shape: x.shape, data: Float64Array.from(order, (v) => v * 0.05 - 1) };
    }
    const xVar = tf.tidy(() => tf.variable(toModelInput(x), true, `ops_test_input_${variableId++}`));
    const outShape = tf.tidy(() => model.forward(xVar, evalContext()).shape);
    const r = randomArr(outShape, rng);
    const rTensor = tf.tensor(Float32Array.from(r.data), outShape);
    const ctx = (stats: BatchStats[]) => (c.training ? trainingContext(new Rng(1), tf.keep, stats) : evalContext());

    /** sum(output · R) in float64 from one float32 forward pass. */
    const loss = (): number => {
      const stats: BatchStats[] = [];
      const y = tf.tidy(() => model.forward(xVar, ctx(stats)));
      const data = y.dataSync();
      tf.dispose([y, ...stats.flatMap((s) => [s.mean, s.variance])]);
      let s = 0;
      for (let i = 0; i < data.length; i++) s += data[i] * r.data[i];
      return s;
    };

    const variables = [xVar, ...model.trainableVariables];
    const before = tf.memory().numTensors;
    const stats: BatchStats[] = [];
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(model.forward(xVar, ctx(stats)), rTensor)) as tf.Scalar, variables);
    const analytic = variables.map((v) => grads[v.name].dataSync().slice());
    t.true(Math.abs(value.dataSync()[0] - loss()) <= 1e-4 * Math.max(1, Math.abs(loss())), 'the taped loss is the forward loss');
    tf.dispose([value, ...Object.values(grads), ...stats.flatMap((s) => [s.mean, s.variance])]);
    t.is(tf.memory().numTensors, before, 'the gradient computation leaves no tensors');

    const h = c.step ?? 1e-2;
    const names = ['input', ...model.params.filter((p) => p.param.trainable).map((p) => p.param.name)];
    variables.forEach((v, vi) => {
      const g = analytic[vi];
      const values = v.dataSync().slice();
      const maxAbs = Math.max(...Array.from(g, Math.abs));
      t.true(maxAbs > 0, `${names[vi]}: the gradient is not all zero`);
      // The largest entries, both ends, and random ones.
      const byMagnitude = [...g.keys()].sort((a, b) => Math.abs(g[b]) - Math.abs(g[a]));
      const sample = new Set(g.length <= 10 ? [...g.keys()] : [...byMagnitude.slice(0, 3), 0, g.length - 1, ...Array.from({ length: 6 }, () => rng.int(g.length))]);
      for (const i of sample) {
        const set = (value: number) => {
          values[i] = value;
          tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
          return values[i];
        };
        const original = values[i];
        const up = set(original + h);
        const fUp = loss();
        const down = set(original - h);
        const fDown = loss();
        set(original);
        const numeric = (fUp - fDown) / (up - down);
        const err = Math.abs(g[i] - numeric);
        t.true(err <= 2e-2 * Math.max(Math.abs(g[i]), Math.abs(numeric)) + 1e-3 * maxAbs + 1e-4, `${names[vi]}[${i}]: analytic ${g[i]}, finite difference ${numeric}`);
      }
    });
    tf.dispose([xVar, rTensor]);
    model.dispose();
    t.is(tf.memory().numTensors, startTensors, 'the whole check leaves no tensors');
  });
}

const gradCases: GradCase[] = [
  { label: 'conv k=3 s=2 pad=1', input: [3, 7, 7], body: 'conv(4, kernel: 3, stride: 2, pad: 1)' },
  { label: 'conv k=[2,3] s=[1,2] pad=[1,0]', input: [2, 5, 6], body: 'conv(3, kernel: [2, 3], stride: [1, 2], pad: [1, 0])' },
  { label: 'conv groups=2', input: [4, 6, 6], body: 'conv(6, kernel: 3, pad: 1, groups: 2)' },
  { label: 'conv depthwise s=2', input: [4, 7, 7], body: 'conv(4, kernel: 3, stride: 2, pad: 1, groups: 4)' },
  { label: 'conv depthwise multiplier 2 no bias', input: [3, 6, 6], body: 'conv(6, kernel: 3, pad: 1, groups: 3, bias: false)' },
  { label: 'conv dilation=2', input: [3, 8, 8], body: 'conv(4, kernel: 3, pad: 2, dilation: 2)' },
  { label: 'conv dilation=[2,3] s=2', input: [2, 9, 9], body: 'conv(3, kernel: 3, stride: 2, pad: 1, dilation: [2, 3])' },
  { label: 'conv depthwise dilation=2', input: [3, 7, 7], body: 'conv(3, kernel: 3, pad: 1, dilation: 2, groups: 3)' },
  { label: 'maxpool k=3 s=2 pad=1', input: [2, 7, 7], body: 'maxpool(3, stride: 2, pad: 1)', distinct: true },
  { label: 'avgpool k=3 s=2 pad=1', input: [2, 7, 7], body: 'avgpool(3, stride: 2, pad: 1)' },
  { label: 'global_avgpool', input: [3, 4, 5], body: 'global_avgpool' },
  { label: 'dense', input: [6], body: 'dense(4)' },
  { label: 'flatten; dense', input: [2, 3, 2], body: 'flatten; dense(3)' },
  { label: 'batchnorm 2-D', input: [3, 3, 3], body: 'batchnorm', training: true, batch: 3 },
  { label: 'batchnorm 1-D', input: [4], body: 'batchnorm', training: true, batch: 5 },
  { label: 'batchnorm 2-D eval', input: [3, 3, 3], body: 'batchnorm' },
  { label: 'lrn size=3', input: [5, 3, 3], body: 'lrn(3, alpha: 1, beta: 0.75, k: 1)' },
  { label: 'lrn size=4', input: [6, 2, 3], body: 'lrn(4, alpha: 0.5, beta: 0.75, k: 2)' },
  { label: 'channel_shuffle; conv', input: [6, 3, 3], body: 'channel_shuffle(3); conv(2, kernel: 1)' },
  { label: 'scale [C] gate', input: [4, 3, 3], body: 'scale { global_avgpool; flatten; dense(4); sigmoid }' },
  { label: 'scale [C,1,1] gate', input: [3, 3, 3], body: 'scale { global_avgpool; conv(3, kernel: 1) }' },
  { label: 'concat', input: [3, 4, 4], body: 'concat { branch { conv(2, kernel: 1) } branch { conv(3, kernel: 3, pad: 1) } branch { identity } }' },
  { label: 'residual add', input: [3, 4, 4], body: 'residual { conv(3, kernel: 3, pad: 1) } shortcut { conv(3, kernel: 1) }' },
  { label: 'softmax over channels', input: [4, 2, 2], body: 'softmax' },
];
for (const c of gradCases) gradientTest(c);
