// netc's grouped conv kernels on WebGPU (runtime/backends/webgpu/grouped_conv.ts) compute what a plain JS
// grouped convolution computes — forward, input gradient, filter gradient — for odd channel counts, stride 2,
// asymmetric padding and groups 2, 3, 4, 32 and = channels (depthwise, multiplier 1 and 2); and the gradients
// they give through tf.grad equal cpu's split → conv2d → concat. Skipped, with the reason, without WebGPU
// (failed instead under CI=1, which installs a Vulkan driver).
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { Rng } from '../../runtime/rng.js';
import { mismatch, onBackend, seededUniform, startWebGpuForTests, webGpuRequired } from '../helpers/webgpu.js';

const gpu = await startWebGpuForTests();
if (!gpu.ready) console.log(`test/gpu/webgpu_grouped_conv: skipping the WebGPU tests (no WebGPU: ${gpu.reason})`);
const gpuTest = gpu.ready ? test.serial : test.skip;

type Shape4 = [number, number, number, number];
interface Attrs {
  strides: [number, number];
  pad: [[number, number], [number, number]];
  groups: number;
}

/** The output size of a grouped conv, as PyTorch's formula. */
function outShape([n, h, w]: Shape4, [kh, kw, , outC]: Shape4, { strides: [sh, sw], pad: [[pt, pb], [pl, pr]] }: Attrs): Shape4 {
  return [n, Math.floor((h + pt + pb - kh) / sh) + 1, Math.floor((w + pl + pr - kw) / sw) + 1, outC];
}

/**
 * The reference: every (output pixel, output channel, tap, group input channel) product, visited once; `visit`
 * gets the flat indices of x, W and y. Forward, input and filter gradients are the same sum read three ways.
 */
function eachProduct(xShape: Shape4, wShape: Shape4, a: Attrs, visit: (xi: number, wi: number, yi: number) => void): void {
  const [n, h, w, inC] = xShape;
  const [kh, kw, cg, outC] = wShape;
  const [, oh, ow] = outShape(xShape, wShape, a);
  const og = outC / a.groups;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let o = 0; o < outC; o++)
          for (let ky = 0; ky < kh; ky++)
            for (let kx = 0; kx < kw; kx++) {
              const iy = oy * a.strides[0] - a.pad[0][0] + ky;
              const ix = ox * a.strides[1] - a.pad[1][0] + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              for (let c = 0; c < cg; c++) {
                const ci = Math.floor(o / og) * cg + c;
                visit(((b * h + iy) * w + ix) * inC + ci, ((ky * kw + kx) * cg + c) * outC + o, ((b * oh + oy) * ow + ox) * outC + o);
              }
            }
}

const sizeOf = (s: number[]) => s.reduce((p, q) => p * q, 1);

function referenceForward(x: Float32Array, xShape: Shape4, w: Float32Array, wShape: Shape4, a: Attrs): Float32Array {
  const y = new Float32Array(sizeOf(outShape(xShape, wShape, a)));
  eachProduct(xShape, wShape, a, (xi, wi, yi) => (y[yi] += x[xi] * w[wi]));
  return y;
}

function referenceInputGrad(dy: Float32Array, w: Float32Array, xShape: Shape4, wShape: Shape4, a: Attrs): Float32Array {
  const dx = new Float32Array(sizeOf(xShape));
  eachProduct(xShape, wShape, a, (xi, wi, yi) => (dx[xi] += dy[yi] * w[wi]));
  return dx;
}

function referenceFilterGrad(x: Float32Array, dy: Float32Array, xShape: Shape4, wShape: Shape4, a: Attrs): Float32Array {
  const dw = new Float32Array(sizeOf(wShape));
  eachProduct(xShape, wShape, a, (xi, wi, yi) => (dw[wi] += x[xi] * dy[yi]));
  return dw;
}

/** [label, x shape, filter shape [kh, kw, inC / groups, outC], strides, pad [[top, bottom], [left, right]], groups] */
const cases: [string, Shape4, Shape4, [number, number], [[number, number], [number, number]], number][] = [
  ['groups 2, 7 → 10 channels (5 per group), k=3 pad=1', [2, 7, 6, 6], [3, 3, 3, 10], [1, 1], [[1, 1], [1, 1]], 2],
  ['groups 4, 8 → 16, k=3 s=2 pad=[[0,1],[1,0]]', [2, 9, 8, 8], [3, 3, 2, 16], [2, 2], [[0, 1], [1, 0]], 4],
  ['groups 3 (ShuffleNet), 9 → 9, k=1', [3, 5, 5, 9], [1, 1, 3, 9], [1, 1], [[0, 0], [0, 0]], 3],
  ['groups 32 (ResNeXt), 64 → 128, k=3 pad=1', [2, 6, 6, 64], [3, 3, 2, 128], [1, 1], [[1, 1], [1, 1]], 32],
  ['groups 32 (ResNeXt), 64 → 64, k=3 s=2 pad=1', [2, 7, 7, 64], [3, 3, 2, 64], [2, 2], [[1, 1], [1, 1]], 32],
  ['depthwise 12 channels, k=3 s=2 pad=[[1,0],[0,1]]', [2, 7, 7, 12], [3, 3, 1, 12], [2, 2], [[1, 0], [0, 1]], 12],
  ['depthwise 5 channels (odd), k=[3,2] s=[1,2] pad=[[1,1],[0,1]]', [2, 6, 7, 5], [3, 2, 1, 5], [1, 2], [[1, 1], [0, 1]], 5],
  ['depthwise multiplier 2, 3 → 6, k=3 pad=1', [2, 5, 5, 3], [3, 3, 1, 6], [1, 1], [[1, 1], [1, 1]], 3],
  ['depthwise 8 channels (EfficientNet), k=5 pad=2', [2, 8, 8, 8], [5, 5, 1, 8], [1, 1], [[2, 2], [2, 2]], 8],
];

test.serial('WebGPU starts for the grouped conv tests, or says why not (required in CI)', (t) => {
  t.true(gpu.ready || !webGpuRequired(), gpu.ready ? '' : gpu.reason);
});

const TOLERANCE = 1e-5;

for (const [label, xShape, wShape, strides, pad, groups] of cases) {
  const attrs: Attrs = { strides, pad, groups };
  gpuTest(`grouped conv ${label}: forward, input and filter gradients = the JS reference on webgpu, nothing leaked`, async (t) => {
    const rng = new Rng(groups * 31 + xShape[1]);
    const x = seededUniform(rng, sizeOf(xShape));
    const w = seededUniform(rng, sizeOf(wShape));
    const yShape = outShape(xShape, wShape, attrs);
    const dy = seededUniform(rng, sizeOf(yShape));
    const want = {
      forward: referenceForward(x, xShape, w, wShape, attrs),
      'input gradient': referenceInputGrad(dy, w, xShape, wShape, attrs),
      'filter gradient': referenceFilterGrad(x, dy, xShape, wShape, attrs),
    };
    const got = await onBackend('webgpu', async () => {
      const before = tf.memory().numTensors;
      const [xt, wt, dyt] = [tf.tensor(x, xShape), tf.tensor(w, wShape), tf.tensor(dy, yShape)];
      const engine = tf.engine();
      const a = attrs as unknown as tf.NamedAttrMap;
      const outputs = {
        forward: engine.runKernel('NetcGroupedConv2D', { x: xt, filter: wt }, a) as tf.Tensor,
        'input gradient': engine.runKernel('NetcGroupedConv2DBackpropInput', { dy: dyt, filter: wt }, { ...a, inputShape: xShape }) as tf.Tensor,
        'filter gradient': engine.runKernel('NetcGroupedConv2DBackpropFilter', { x: xt, dy: dyt }, { ...a, filterShape: wShape }) as tf.Tensor,
      };
      t.deepEqual(outputs.forward.shape, yShape);
      t.deepEqual(outputs['input gradient'].shape, xShape);
      t.deepEqual(outputs['filter gradient'].shape, wShape);
      const values: Record<string, Float32Array> = {};
      for (const [name, tensor] of Object.entries(outputs)) values[name] = (await tensor.data()) as Float32Array;
      tf.dispose([xt, wt, dyt, ...Object.values(outputs)]);
      t.is(tf.memory().numTensors - before, 0, 'tensors left on webgpu');
      return values;
    });
    for (const [name, reference] of Object.entries(want)) {
      t.true(reference.some((v) => v !== 0), `${name}: the reference is all zeros`);
      const m = mismatch(reference, got[name]);
      t.true(m.error <= TOLERANCE, `${name}: scaled error ${m.error.toExponential(2)} at [${m.at}] (reference ${reference[m.at]}, webgpu ${got[name][m.at]})`);
    }
  });
}

/** tfjs has no grouped conv2d: what netc did before the grouped kernel, on cpu. */
function splitConv(x: tf.Tensor4D, w: tf.Tensor4D, a: Attrs): tf.Tensor4D {
  const xs = tf.split(x, a.groups, 3);
  const ws = tf.split(w, a.groups, 3);
  return tf.concat(xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, a.strides, [[0, 0], a.pad[0], a.pad[1], [0, 0]])), 3);
}

/** The three kernels as one differentiable op, the way runtime/ops/grouped_conv.ts's gradient wires them. */
function kernelConv(x: tf.Tensor4D, w: tf.Tensor4D, a: Attrs): tf.Tensor4D {
  const attrs = a as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, wi, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xi, wi]);
    return {
      value: tf.engine().runKernel('NetcGroupedConv2D', { x: xi, filter: wi }, attrs) as tf.Tensor4D,
      gradFunc: (dy, [xs, ws]) => [
        tf.engine().runKernel('NetcGroupedConv2DBackpropInput', { dy, filter: ws }, { ...attrs, inputShape: xs.shape }) as tf.Tensor,
        tf.engine().runKernel('NetcGroupedConv2DBackpropFilter', { x: xs, dy }, { ...attrs, filterShape: ws.shape }) as tf.Tensor,
      ],
    };
  });
  return op(x, w) as tf.Tensor4D;
}

/** Σ conv(x, w) · R through tf.grads, on `backend`: the value and the gradients w.r.t. x and w. */
async function gradsOn(backend: 'cpu' | 'webgpu', conv: typeof splitConv, xShape: Shape4, wShape: Shape4, a: Attrs) {
  return onBackend(backend, async () => {
    const rng = new Rng(3);
    const x = tf.tensor4d(seededUniform(rng, sizeOf(xShape)), xShape);
    const w = tf.tensor4d(seededUniform(rng, sizeOf(wShape)), wShape);
    const r = tf.tensor4d(seededUniform(rng, sizeOf(outShape(xShape, wShape, a))), outShape(xShape, wShape, a));
    const { value, grads } = tf.valueAndGrads((xi: tf.Tensor, wi: tf.Tensor) => tf.sum(tf.mul(conv(xi as tf.Tensor4D, wi as tf.Tensor4D, a), r)))([x, w]);
    const out = { value: (await value.data()) as Float32Array, dx: (await grads[0].data()) as Float32Array, dw: (await grads[1].data()) as Float32Array };
    tf.dispose([x, w, r, value, ...grads]);
    return out;
  });
}

for (const [label, xShape, wShape, strides, pad, groups] of [cases[1], cases[4], cases[5], cases[7]]) {
  gpuTest(`tf.grad through the kernels on webgpu = cpu's split → conv2d → concat: ${label}`, async (t) => {
    const a: Attrs = { strides, pad, groups };
    const want = await gradsOn('cpu', splitConv, xShape, wShape, a);
    const got = await gradsOn('webgpu', kernelConv, xShape, wShape, a);
    for (const name of ['value', 'dx', 'dw'] as const) {
      const m = mismatch(want[name], got[name]);
      t.true(m.error <= TOLERANCE, `${name}: scaled error ${m.error.toExponential(2)} at [${m.at}]`);
    }
  });
}

gpuTest('a filter whose channels do not split into the groups is refused with a message naming the kernel', async (t) => {
  await onBackend('webgpu', async () => {
    const [x, w] = [tf.zeros([1, 4, 4, 6]), tf.zeros([3, 3, 2, 8])];
    const error = t.throws(() => tf.engine().runKernel('NetcGroupedConv2D', { x, filter: w }, { strides: [1, 1], pad: [[1, 1], [1, 1]], groups: 4 }));
    t.regex(error?.message ?? '', /NetcGroupedConv2D: 6 input channels .* do not split into 4 groups/);
    tf.dispose([x, w]);
  });
});
