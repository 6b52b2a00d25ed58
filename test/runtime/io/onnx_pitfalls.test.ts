// The silent interchange pitfalls, one test each: the exported model must agree with netc's eval, and each case is
// built so that the mistake it guards against would change the output (checked by making that mistake on purpose).
import test from 'ava';
import type { Ir } from '../../../compiler/ir.js';
import { Model, type TorchWeights } from '../../../runtime/model.js';
import { Rng } from '../../../runtime/rng.js';
import { exportOnnx } from '../../../runtime/io/onnx/onnx_export.js';
import { mustCompile } from '../../helpers/files.js';
import { attributeOf, decodeModel, netcEval, ortRun, withNormStatistics } from '../../helpers/onnx.js';
import { mismatch } from '../../helpers/webgpu.js';
import { useCpu } from '../../helpers/tf.js';

test.before(useCpu);

const BATCH = 2;

interface Exported {
  ir: Ir;
  weights: TorchWeights;
  input: Float32Array;
  /** netc's eval output. */
  want: Float32Array;
  /** onnxruntime's output of the exported model. */
  got: Float32Array;
  dims: readonly number[];
  bytes: Uint8Array;
}

/** Compiles `body` on `input`, sets seeded weights (then `tweak`), and runs netc's eval and the exported model. */
async function exported(input: number[], body: string, tweak: (w: TorchWeights, ir: Ir) => void = () => {}): Promise<Exported> {
  const ir = mustCompile(`network N {\n input [${input.join(', ')}]\n ${body}\n}`);
  const rng = new Rng(3);
  const model = Model.create(ir, rng);
  try {
    const weights = withNormStatistics(ir, await model.exportWeights(), rng);
    tweak(weights, ir);
    model.importWeights(weights);
    const x = Float32Array.from({ length: BATCH * input.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
    const want = await netcEval(model, x, BATCH);
    const { bytes } = exportOnnx(ir, weights);
    const { output, dims } = await ortRun(bytes, x, BATCH, ir.input);
    return { ir, weights, input: x, want, got: output, dims, bytes };
  } finally {
    model.dispose();
  }
}

/** Exports `e`'s network with an attribute changed (the mistake) and returns onnxruntime's output. */
async function withMistake(e: Exported, node: string, attrs: Record<string, number | boolean>): Promise<Float32Array> {
  const ir: Ir = { ...e.ir, nodes: e.ir.nodes.map((n) => (n.name === node ? { ...n, attrs: { ...n.attrs, ...attrs } } : n)) };
  return (await ortRun(exportOnnx(ir, e.weights).bytes, e.input, BATCH, ir.input)).output;
}

const agrees = (t: { true(v: boolean, m: string): void }, want: Float32Array, got: Float32Array, what = 'onnxruntime = netc') => {
  const m = mismatch(want, got);
  t.true(m.error <= 1e-5, `${what}: scaled error ${m.error.toExponential(2)} at [${m.at}] (${want[m.at]} vs ${got[m.at]})`);
};
const differs = (t: { true(v: boolean, m: string): void }, want: Float32Array, got: Float32Array, what: string) => t.true(mismatch(want, got).error > 1e-3, `${what} would go unnoticed`);

/** y = x · Wᵀ + b on a [BATCH, F] batch with `feature(b, i)` as the i-th input of example b. */
function dense(w: { shape: number[]; data: Float32Array }, bias: Float32Array, feature: (b: number, i: number) => number): Float32Array {
  const [units, f] = w.shape;
  const y = new Float32Array(BATCH * units);
  for (let b = 0; b < BATCH; b++) for (let o = 0; o < units; o++) {
    let s = bias[o];
    for (let i = 0; i < f; i++) s += feature(b, i) * w.data[o * f + i];
    y[b * units + o] = s;
  }
  return y;
}

test.serial('flatten order: a 3-channel 4×2 map flattens C, H, W (PyTorch\'s NCHW), not H, W, C', async (t) => {
  const e = await exported([3, 4, 2], 'flatten; dense(5)');
  agrees(t, e.want, e.got);
  const [c, h, w] = [3, 4, 2];
  const size = c * h * w;
  // The same dense layer fed channels-last features (what an NHWC flatten gives).
  const nhwc = dense(e.weights.get('dense1.weight')!, e.weights.get('dense1.bias')!.data, (b, i) => {
    const ci = i % c, x = Math.floor(i / c) % w, y = Math.floor(i / (c * w));
    return e.input[b * size + (ci * h + y) * w + x];
  });
  differs(t, e.want, nhwc, 'an NHWC flatten');
});

test.serial('BatchNorm: ε = 1e-3 is written as epsilon (ONNX\'s default is 1e-5), momentum as 1 − PyTorch\'s', async (t) => {
  const e = await exported([3, 4, 4], 'conv(4, kernel: 3, pad: 1); batchnorm(eps: 1e-3, momentum: 0.3)', (w) => {
    // Variances near ε make ε matter.
    const v = w.get('batchnorm1.running_var')!;
    v.data.set(v.data.map((_, i) => [1e-3, 3e-3, 5e-4, 2e-3][i]));
  });
  agrees(t, e.want, e.got);
  const bn = decodeModel(e.bytes).graph!.node!.find((n) => n.opType === 'BatchNormalization')!;
  t.true(Math.abs((attributeOf(bn, 'epsilon') as number) - 1e-3) < 1e-9);
  t.true(Math.abs((attributeOf(bn, 'momentum') as number) - 0.7) < 1e-6, 'ONNX: running·momentum + batch·(1 − momentum)');
  t.deepEqual(bn.input, ['conv1', 'batchnorm1.weight', 'batchnorm1.bias', 'batchnorm1.running_mean', 'batchnorm1.running_var']);
  differs(t, e.want, await withMistake(e, 'batchnorm1', { eps: 1e-5 }), "ONNX's default ε");
});

test.serial('avgpool: padding counted (count_pad) or not, the same as netc; the two differ on this input', async (t) => {
  const counted = await exported([2, 7, 7], 'avgpool(3, stride: 2, pad: 1)');
  const uncounted = await exported([2, 7, 7], 'avgpool(3, stride: 2, pad: 1, count_pad: false)');
  agrees(t, counted.want, counted.got, 'count_pad: true');
  agrees(t, uncounted.want, uncounted.got, 'count_pad: false');
  differs(t, counted.want, uncounted.got, 'the wrong count_include_pad');
});

test.serial('avgpool and maxpool in ceil mode: windows overhanging the padded input divide as PyTorch; no ceil_mode is written', async (t) => {
  // 6×6, kernel 3, stride 2, pad 1: the last window reaches one past the padded input (PyTorch divides by 2·3 there).
  const overhang = await exported([2, 6, 6], 'avgpool(3, stride: 2, pad: 1, ceil: true)');
  agrees(t, overhang.want, overhang.got, 'overhang');
  differs(t, overhang.want, await withMistake(overhang, 'avgpool1', { count_pad: false }), 'counting only the input');
  // 5×5, kernel 2, stride 2, pad 1: ONNX's ceil formula gives 4×4; PyTorch drops the window that starts in the padding.
  for (const body of ['avgpool(2, stride: 2, pad: 1, ceil: true)', 'maxpool(2, stride: 2, pad: 1, ceil: true)']) {
    const e = await exported([1, 5, 5], body);
    t.deepEqual(e.dims, [BATCH, 1, 3, 3], body);
    agrees(t, e.want, e.got, body);
    for (const node of decodeModel(e.bytes).graph!.node!) {
      t.is(attributeOf(node, 'ceil_mode') ?? 0, 0, `${body}: ${node.opType} has ceil_mode`);
      t.is(attributeOf(node, 'auto_pad'), undefined, `${body}: ${node.opType} has auto_pad`);
    }
  }
});

test.serial('LRN: α is divided by size (PyTorch and ONNX), and an even size keeps PyTorch\'s window', async (t) => {
  const odd = await exported([6, 3, 3], 'lrn(3, alpha: 0.5, beta: 0.75, k: 1)');
  agrees(t, odd.want, odd.got, 'size 3');
  // TensorFlow's convention (α not divided by size) is the mistake to catch.
  differs(t, odd.want, await withMistake(odd, 'lrn1', { alpha: 1.5 }), 'α·size');
  const even = await exported([6, 3, 3], 'lrn(4, alpha: 0.5, beta: 0.75, k: 2)');
  agrees(t, even.want, even.got, 'size 4');
  t.false(decodeModel(even.bytes).graph!.node!.some((n) => n.opType === 'LRN'), 'ONNX\'s LRN centres an even window one channel later');
});

test.serial('dense: the [out, in] weight goes to Gemm with transB, untransposed; square and non-square', async (t) => {
  const tall = await exported([7], 'dense(3)');
  agrees(t, tall.want, tall.got, '7 → 3');
  t.deepEqual(decodeModel(tall.bytes).graph!.initializer!.find((i) => i.name === 'dense1.weight')!.dims!.map(Number), [3, 7]);
  const square = await exported([4], 'dense(4)');
  agrees(t, square.want, square.got, '4 → 4');
  // A square weight used transposed fits every shape check: only the values tell.
  const w = square.weights.get('dense1.weight')!;
  const transposed = { shape: w.shape, data: Float32Array.from(w.data, (_, k) => w.data[(k % 4) * 4 + Math.floor(k / 4)]) };
  const wrong = dense(transposed, square.weights.get('dense1.bias')!.data, (b, i) => square.input[b * 4 + i]);
  agrees(t, square.want, dense(w, square.weights.get('dense1.bias')!.data, (b, i) => square.input[b * 4 + i]), 'the check itself');
  differs(t, square.want, wrong, 'a transposed weight');
});
