// node dist/bench/webgpu_conv_bench.js — on WebGPU, ms of a grouped or depthwise convolution's forward pass
// and of forward + both gradients, per shape from ResNeXt, ShuffleNet, MobileNetV2 and EfficientNet: tfjs's
// own path (split → conv2d → concat for groups, DepthwiseConv2dNative and its two backprops for depthwise)
// against netc's grouped kernels (runtime/backends/webgpu/grouped_conv.ts). Medians of --repeat runs after
// a warm-up (which compiles the shaders), printed as ratios. Flags: --batch=N, --repeat=N, --shapes=a,b.
import { loadavg } from 'node:os';
import * as tf from '../runtime/tfjs.js';
import { startBackend } from '../runtime/backends/start_backend.js';

type Shape4 = [number, number, number, number];
type Pad = [[number, number], [number, number]];
interface Case {
  name: string;
  /** [H, W, C] of the input (NHWC without the batch). */
  input: [number, number, number];
  /** [kh, kw, inC / groups, outC]. */
  filter: Shape4;
  stride: number;
  groups: number;
}

const cases: Case[] = [
  { name: 'resnext_s1_3x3_g32_128@28', input: [28, 28, 128], filter: [3, 3, 4, 128], stride: 1, groups: 32 },
  { name: 'resnext_s2_3x3_g32_256@28s2', input: [28, 28, 256], filter: [3, 3, 8, 256], stride: 2, groups: 32 },
  { name: 'resnext_s3_3x3_g32_512@7', input: [7, 7, 512], filter: [3, 3, 16, 512], stride: 1, groups: 32 },
  { name: 'shufflenet_1x1_g3_240to60@28', input: [28, 28, 240], filter: [1, 1, 80, 60], stride: 1, groups: 3 },
  { name: 'shufflenet_dw_3x3_60@56', input: [56, 56, 60], filter: [3, 3, 1, 60], stride: 1, groups: 60 },
  { name: 'mobilenetv2_dw_3x3_144@28', input: [28, 28, 144], filter: [3, 3, 1, 144], stride: 1, groups: 144 },
  { name: 'mobilenetv2_dw_3x3_96@56s2', input: [56, 56, 96], filter: [3, 3, 1, 96], stride: 2, groups: 96 },
  { name: 'efficientnet_dw_5x5_240@28', input: [28, 28, 240], filter: [5, 5, 1, 240], stride: 1, groups: 240 },
];

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const batch = Number(flag('batch') ?? 32);
const repeat = Number(flag('repeat') ?? 5);
const wanted = flag('shapes')?.split(',');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** PyTorch's padding for k × k, stride s, pad (k − 1) / 2. */
const padOf = (k: number): Pad => [[(k - 1) >> 1, (k - 1) >> 1], [(k - 1) >> 1, (k - 1) >> 1]];

type Conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

/** tfjs's path: depthwise for groups = channels, else split → conv2d per group → concat (netc before #15). */
function tfjsConv(c: Case): Conv {
  const pad = padOf(c.filter[0]);
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], pad[0], pad[1], [0, 0]];
  if (c.filter[2] === 1 && c.groups === c.input[2])
    return (x, w) => tf.depthwiseConv2d(x, tf.reshape(w, [c.filter[0], c.filter[1], c.groups, c.filter[3] / c.groups]) as tf.Tensor4D, c.stride, padding);
  return (x, w) => {
    const xs = tf.split(x, c.groups, 3);
    const ws = tf.split(w, c.groups, 3);
    return tf.concat(xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, c.stride, padding)), 3);
  };
}

/** netc's three grouped kernels as one differentiable op (the wiring runtime/ops/grouped_conv.ts's gradient does). */
function netcConv(c: Case): Conv {
  const attrs = { strides: [c.stride, c.stride], pad: padOf(c.filter[0]), groups: c.groups } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = inputs as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.engine().runKernel('NetcGroupedConv2D', { x, filter: w }, attrs) as tf.Tensor4D,
      gradFunc: (dy, [xs, ws]) => [
        tf.engine().runKernel('NetcGroupedConv2DBackpropInput', { dy, filter: ws }, { ...attrs, inputShape: xs.shape }) as tf.Tensor,
        tf.engine().runKernel('NetcGroupedConv2DBackpropFilter', { x: xs, dy }, { ...attrs, filterShape: ws.shape }) as tf.Tensor,
      ],
    };
  });
  return (x, w) => op(x, w) as tf.Tensor4D;
}

/** Waits for the GPU by reading back one value of each result (a read waits for the queue). */
async function settle(ts: tf.Tensor[]): Promise<void> {
  for (const t of ts) {
    const one = tf.slice(tf.reshape(t, [-1]), [0], [1]);
    await one.data();
    one.dispose();
  }
}

/** Median ms of forward, and of forward + dx + dW (tf.grads with a given dy), after one warm-up of each. */
async function timeConv(conv: Conv, x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor4D): Promise<{ forward: number; train: number }> {
  const grads = tf.grads((xi: tf.Tensor, wi: tf.Tensor) => conv(xi as tf.Tensor4D, wi as tf.Tensor4D));
  const once = async (train: boolean) => {
    const start = performance.now();
    const outs = train ? grads([x, w], dy) : [conv(x, w)];
    await settle(outs);
    tf.dispose(outs);
    return performance.now() - start;
  };
  const runs = { forward: [] as number[], train: [] as number[] };
  await once(false);
  await once(true);
  for (let i = 0; i < repeat; i++) {
    runs.forward.push(await once(false));
    runs.train.push(await once(true));
  }
  return { forward: median(runs.forward), train: median(runs.train) };
}

async function main(): Promise<void> {
  const info = await startBackend('webgpu');
  if (info.backend !== 'webgpu') throw new Error(`WebGPU did not start (got ${info.backend})`);
  const software = /llvmpipe|lavapipe|swiftshader|software/i.test(info.adapter);
  console.log(`adapter: ${info.adapter}${software ? ' — a CPU emulating a GPU, not a GPU: ratios say which kernel does less work, not GPU speed' : ''}`);
  console.log(`batch ${batch}, median of ${repeat} after a warm-up; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('shape | tfjs fwd ms | netc fwd ms | fwd ratio | tfjs train ms | netc train ms | train ratio');
  for (const c of cases.filter((k) => !wanted || wanted.includes(k.name))) {
    const [h, w, inC] = c.input;
    const x = tf.randomUniform([batch, h, w, inC], -1, 1, 'float32', 1) as tf.Tensor4D;
    const filter = tf.randomUniform(c.filter, -1, 1, 'float32', 2) as tf.Tensor4D;
    const y = netcConv(c)(x, filter);
    const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 3) as tf.Tensor4D;
    y.dispose();
    const theirs = await timeConv(tfjsConv(c), x, filter, dy);
    const ours = await timeConv(netcConv(c), x, filter, dy);
    const cells = [theirs.forward, ours.forward, theirs.forward / ours.forward, theirs.train, ours.train, theirs.train / ours.train];
    console.log(`${c.name} | ${cells.map((v, i) => (i % 3 === 2 ? `${v.toFixed(2)}×` : v.toFixed(1))).join(' | ')}`);
    tf.dispose([x, filter, dy]);
  }
  console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
