// Naive float64 implementations of every registry layer with PyTorch's semantics (NCHW, weights in PyTorch's
// layout), written from PyTorch's documentation, loop by loop: what the lowerings are checked against.
import type { IrNode } from '../../compiler/ir.js';
import { adaptiveWindow } from '../../compiler/ops/pool.js';

/** A dense array in PyTorch's layout: [N, C, H, W] or [N, F]. */
export interface Nd {
  shape: number[];
  data: Float64Array;
}

export type RefParams = Record<string, Float64Array>;
type Reference = (x: Nd, node: IrNode, p: RefParams, training: boolean) => Nd;

const pair = (v: unknown) => v as [number, number];
const zeros = (shape: number[]): Nd => ({ shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)) });
const map = (x: Nd, f: (v: number, i: number) => number): Nd => ({ shape: x.shape, data: x.data.map(f) });
/** Image dims of an NCHW array, or a flat [N, F] seen as [N, F, 1, 1]. */
const dims = (x: Nd): [number, number, number, number] => (x.shape.length === 4 ? (x.shape as [number, number, number, number]) : [x.shape[0], x.shape[1], 1, 1]);
const at = (c: number, h: number, w: number) => (n: number, ci: number, y: number, x: number) => ((n * c + ci) * h + y) * w + x;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const relu6 = (v: number) => Math.min(Math.max(v, 0), 6);
/** erf by Abramowitz–Stegun 7.1.26 is too coarse for a reference: use its series/continued-fraction split. */
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 2.5) {
    // Maclaurin series: 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let sum = 0;
    let term = t;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-t * t) / (n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction for large |x|
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  return Math.sign(x) * (1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f));
}

function conv(x: Nd, node: IrNode, p: RefParams): Nd {
  const [n, c, h, w] = dims(x);
  const [oc, oh, ow] = node.shape;
  const [kh, kw] = pair(node.attrs.kernel), [sh, sw] = pair(node.attrs.stride), [ph, pw] = pair(node.attrs.pad), [dh, dw] = pair(node.attrs.dilation);
  const groups = node.attrs.groups as number;
  const cin = c / groups, cout = oc / groups;
  const y = zeros([n, oc, oh, ow]);
  const xi = at(c, h, w), yi = at(oc, oh, ow);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < oc; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let sum = p.bias ? p.bias[o] : 0;
          const g = Math.floor(o / cout);
          for (let ci = 0; ci < cin; ci++)
            for (let u = 0; u < kh; u++)
              for (let v = 0; v < kw; v++) {
                const r = i * sh - ph + u * dh, s = j * sw - pw + v * dw;
                if (r >= 0 && r < h && s >= 0 && s < w) sum += x.data[xi(b, g * cin + ci, r, s)] * p.weight[((o * cin + ci) * kh + u) * kw + v];
              }
          y.data[yi(b, o, i, j)] = sum;
        }
  return y;
}

function convTranspose(x: Nd, node: IrNode, p: RefParams): Nd {
  // y[o, i·s − p + u] += x[c, i] · W[c, o, u], then + bias; rows past the full output stay 0 (+ bias).
  const [n, c, h, w] = dims(x);
  const [oc, oh, ow] = node.shape;
  const [kh, kw] = pair(node.attrs.kernel), [sh, sw] = pair(node.attrs.stride), [ph, pw] = pair(node.attrs.pad);
  const y = zeros([n, oc, oh, ow]);
  const xi = at(c, h, w), yi = at(oc, oh, ow);
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++)
          for (let o = 0; o < oc; o++)
            for (let u = 0; u < kh; u++)
              for (let v = 0; v < kw; v++) {
                const r = i * sh - ph + u, s = j * sw - pw + v;
                if (r >= 0 && r < oh && s >= 0 && s < ow) y.data[yi(b, o, r, s)] += x.data[xi(b, ci, i, j)] * p.weight[((ci * oc + o) * kh + u) * kw + v];
              }
  if (p.bias) for (let k = 0; k < y.data.length; k++) y.data[k] += p.bias[Math.floor(k / (oh * ow)) % oc];
  return y;
}

function pool(x: Nd, node: IrNode, kind: 'max' | 'avg'): Nd {
  // PyTorch's pooling loops: window [i·s − p, i·s − p + k) clipped to the padded input (the divisor with
  // count_include_pad), then to the input itself (the values, and the divisor without it).
  const [n, c, h, w] = dims(x);
  const [, oh, ow] = node.shape;
  const [kh, kw] = pair(node.attrs.kernel), [sh, sw] = pair(node.attrs.stride), [ph, pw] = pair(node.attrs.pad);
  const countPad = node.attrs.count_pad !== false;
  const y = zeros([n, c, oh, ow]);
  const xi = at(c, h, w), yi = at(c, oh, ow);
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let r0 = i * sh - ph, s0 = j * sw - pw;
          let r1 = Math.min(r0 + kh, h + ph), s1 = Math.min(s0 + kw, w + pw);
          const padded = (r1 - r0) * (s1 - s0);
          r0 = Math.max(r0, 0), s0 = Math.max(s0, 0), r1 = Math.min(r1, h), s1 = Math.min(s1, w);
          let acc = kind === 'max' ? -Infinity : 0;
          for (let r = r0; r < r1; r++) for (let s = s0; s < s1; s++) acc = kind === 'max' ? Math.max(acc, x.data[xi(b, ci, r, s)]) : acc + x.data[xi(b, ci, r, s)];
          y.data[yi(b, ci, i, j)] = kind === 'max' ? acc : acc / (countPad ? padded : (r1 - r0) * (s1 - s0));
        }
  return y;
}

function adaptiveAvgpool(x: Nd, node: IrNode): Nd {
  const [n, c, h, w] = dims(x);
  const [, oh, ow] = node.shape;
  const y = zeros([n, c, oh, ow]);
  const xi = at(c, h, w), yi = at(c, oh, ow);
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          const [r0, r1] = adaptiveWindow(i, h, oh), [s0, s1] = adaptiveWindow(j, w, ow);
          let sum = 0;
          for (let r = r0; r < r1; r++) for (let s = s0; s < s1; s++) sum += x.data[xi(b, ci, r, s)];
          y.data[yi(b, ci, i, j)] = sum / ((r1 - r0) * (s1 - s0));
        }
  return y;
}

/** Normalizes x over the index sets `groupOf` maps each element to (per example), with biased variance. */
function normalize(x: Nd, groupOf: (k: number) => number, groups: number, eps: number): Float64Array {
  const sum = new Float64Array(groups), sq = new Float64Array(groups), cnt = new Float64Array(groups);
  x.data.forEach((v, k) => ((sum[groupOf(k)] += v), (cnt[groupOf(k)] += 1)));
  x.data.forEach((v, k) => (sq[groupOf(k)] += (v - sum[groupOf(k)] / cnt[groupOf(k)]) ** 2));
  return x.data.map((v, k) => {
    const g = groupOf(k);
    return (v - sum[g] / cnt[g]) / Math.sqrt(sq[g] / cnt[g] + eps);
  });
}

function affinePerChannel(x: Nd, values: Float64Array, p: RefParams): Nd {
  const [, c, h, w] = dims(x);
  return { shape: x.shape, data: values.map((v, k) => v * p.weight[Math.floor(k / (h * w)) % c] + (p.bias ? p.bias[Math.floor(k / (h * w)) % c] : 0)) };
}

function batchnorm(x: Nd, node: IrNode, p: RefParams, training: boolean): Nd {
  const [, c, h, w] = dims(x);
  const channel = (k: number) => Math.floor(k / (h * w)) % c;
  const eps = node.attrs.eps as number;
  const normalized = training ? normalize(x, channel, c, eps) : x.data.map((v, k) => (v - p.running_mean[channel(k)]) / Math.sqrt(p.running_var[channel(k)] + eps));
  return affinePerChannel(x, normalized, p);
}

function layernorm(x: Nd, node: IrNode, p: RefParams): Nd {
  const [, c, h, w] = dims(x);
  // One group per (example, position): over the channels there.
  const position = (k: number) => Math.floor(k / (c * h * w)) * h * w + (k % (h * w));
  return affinePerChannel(x, normalize(x, position, x.data.length / c, node.attrs.eps as number), p);
}

function groupnorm(x: Nd, node: IrNode, p: RefParams): Nd {
  const [, c, h, w] = dims(x);
  const groups = node.attrs.groups as number;
  const group = (k: number) => Math.floor(k / ((c / groups) * h * w));
  return affinePerChannel(x, normalize(x, group, (x.data.length / (c * h * w)) * groups, node.attrs.eps as number), p);
}

function lrn(x: Nd, node: IrNode): Nd {
  const [, c, h, w] = dims(x);
  const size = node.attrs.size as number, alpha = node.attrs.alpha as number, beta = node.attrs.beta as number, k = node.attrs.k as number;
  return map(x, (v, idx) => {
    const ci = Math.floor(idx / (h * w)) % c;
    let sum = 0;
    for (let d = ci - Math.floor(size / 2); d <= ci + Math.floor((size - 1) / 2); d++) if (d >= 0 && d < c) sum += x.data[idx + (d - ci) * h * w] ** 2;
    return v / (k + (alpha / size) * sum) ** beta;
  });
}

function softmax(x: Nd): Nd {
  const [, c, h, w] = dims(x);
  return map(x, (_v, idx) => {
    const base = idx - (Math.floor(idx / (h * w)) % c) * h * w;
    let max = -Infinity;
    for (let ci = 0; ci < c; ci++) max = Math.max(max, x.data[base + ci * h * w]);
    let sum = 0;
    for (let ci = 0; ci < c; ci++) sum += Math.exp(x.data[base + ci * h * w] - max);
    return Math.exp(x.data[idx] - max) / sum;
  });
}

function channelShuffle(x: Nd, node: IrNode): Nd {
  // out channel j·g + i = in channel i·(C/g) + j
  const [n, c, h, w] = dims(x);
  const g = node.attrs.groups as number, k = c / g;
  const y = zeros(x.shape);
  const xi = at(c, h, w);
  for (let b = 0; b < n; b++) for (let i = 0; i < g; i++) for (let j = 0; j < k; j++) for (let r = 0; r < h * w; r++) y.data[xi(b, j * g + i, 0, 0) + r] = x.data[xi(b, i * k + j, 0, 0) + r];
  return y;
}

function sliceChannels(x: Nd, node: IrNode): Nd {
  const [n, c, h, w] = dims(x);
  const [start, end] = [node.attrs.start as number, node.attrs.end as number];
  const y = zeros([n, end - start, ...x.shape.slice(2)]);
  const xi = at(c, h, w), yi = at(end - start, h, w);
  for (let b = 0; b < n; b++) for (let ci = start; ci < end; ci++) for (let r = 0; r < h * w; r++) y.data[yi(b, ci - start, 0, 0) + r] = x.data[xi(b, ci, 0, 0) + r];
  return y;
}

function upsample(x: Nd, node: IrNode): Nd {
  const [n, c, h, w] = dims(x);
  const [, oh, ow] = node.shape;
  const [sh, sw] = pair(node.attrs.scale);
  const y = zeros([n, c, oh, ow]);
  const xi = at(c, h, w), yi = at(c, oh, ow);
  // bilinear, align_corners=False: src = (dst + ½)/scale − ½, clamped at 0; neighbours i0, min(i0 + 1, in − 1)
  const source = (d: number, s: number, size: number) => {
    const f = Math.max(0, (d + 0.5) / s - 0.5);
    const i0 = Math.min(Math.floor(f), size - 1);
    return { i0, i1: Math.min(i0 + 1, size - 1), t: f - i0 };
  };
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          if (node.attrs.mode !== 'bilinear') {
            y.data[yi(b, ci, i, j)] = x.data[xi(b, ci, Math.floor(i / sh), Math.floor(j / sw))];
            continue;
          }
          const r = source(i, sh, h), s = source(j, sw, w);
          const v = (a: number, bb: number) => x.data[xi(b, ci, a, bb)];
          y.data[yi(b, ci, i, j)] = (1 - r.t) * ((1 - s.t) * v(r.i0, s.i0) + s.t * v(r.i0, s.i1)) + r.t * ((1 - s.t) * v(r.i1, s.i0) + s.t * v(r.i1, s.i1));
        }
  return y;
}

function dense(x: Nd, node: IrNode, p: RefParams): Nd {
  const [n, f] = x.shape;
  const units = node.shape[0];
  const y = zeros([n, units]);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < units; o++) {
      let sum = p.bias ? p.bias[o] : 0;
      for (let i = 0; i < f; i++) sum += x.data[b * f + i] * p.weight[o * f + i];
      y.data[b * units + o] = sum;
    }
  return y;
}

const elementwise = (f: (v: number, node: IrNode) => number): Reference => (x, node) => map(x, (v) => f(v, node));
const softplus = (v: number) => (v > 20 ? v : Math.log1p(Math.exp(v)));

export const referenceLayers: Record<string, Reference> = {
  conv,
  conv_transpose: convTranspose,
  maxpool: (x, node) => pool(x, node, 'max'),
  avgpool: (x, node) => pool(x, node, 'avg'),
  global_avgpool: (x, node) => adaptiveAvgpool(x, { ...node, shape: [x.shape[1], 1, 1] }),
  adaptive_avgpool: adaptiveAvgpool,
  flatten: (x) => ({ shape: [x.shape[0], x.data.length / x.shape[0]], data: x.data }),
  dense,
  // Random in training (tested statistically); the identity in eval.
  dropout: (x) => x,
  stochastic_depth: (x) => x,
  batchnorm,
  layernorm,
  groupnorm,
  lrn,
  layerscale: (x, _node, p) => affinePerChannel(x, x.data, { weight: p.weight }),
  relu: elementwise((v) => Math.max(v, 0)),
  sigmoid: elementwise(sigmoid),
  tanh: elementwise(Math.tanh),
  relu6: elementwise(relu6),
  leaky_relu: elementwise((v, n) => (v > 0 ? v : v * (n.attrs.slope as number))),
  elu: elementwise((v, n) => (v > 0 ? v : (n.attrs.alpha as number) * Math.expm1(v))),
  silu: elementwise((v) => v * sigmoid(v)),
  gelu: elementwise((v, n) =>
    n.attrs.approximate === 'tanh' ? 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))) : 0.5 * v * (1 + erf(v / Math.SQRT2)),
  ),
  hardswish: elementwise((v) => (v * relu6(v + 3)) / 6),
  hardsigmoid: elementwise((v) => relu6(v + 3) / 6),
  mish: elementwise((v) => v * Math.tanh(softplus(v))),
  softmax,
  identity: (x) => x,
  channel_shuffle: channelShuffle,
  slice: sliceChannels,
  upsample,
};
