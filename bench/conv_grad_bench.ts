// node dist/bench/conv_grad_bench.js — the wasm convolution gradients per formulation, on the layer shapes of
// ResNet-18@28 and a VGG-style net at batch 128: the convolution formulation (XNNPACK) against the matrix
// products (im2col.ts), milliseconds as medians of repeats in the same run, with the ratio.
import { readFileSync } from 'node:fs';
import * as tf from '../runtime/tfjs.js';
import { startWasm } from '../runtime/backends/wasm/node.js';
import { conv2dFilterGradient, conv2dInputGradient } from '../runtime/backends/wasm/kernels/conv_gradients.js';
import { matmulFilterGradient, matmulInputGradient } from '../runtime/backends/wasm/kernels/im2col.js';
import { directInputGradient, geometryOf, netcFilterGradient } from '../runtime/backends/wasm/kernels/convolution.js';
import type { WasmBackendInternals } from '../runtime/backends/wasm/memory.js';

/** [n, h, w, ci, k, stride, pad, co] */
const shapes: number[][] = [
  [128, 7, 7, 64, 3, 1, 1, 64],
  [128, 7, 7, 64, 3, 2, 1, 128],
  [128, 4, 4, 128, 3, 1, 1, 128],
  [128, 2, 2, 256, 3, 1, 1, 256],
  [128, 1, 1, 512, 3, 1, 1, 512],
  [128, 14, 14, 64, 3, 1, 1, 64],
  // FashionNet (networks/fashion_net.net)
  [128, 14, 14, 32, 3, 1, 1, 48],
  [128, 14, 14, 48, 3, 1, 1, 48],
  [128, 7, 7, 48, 3, 1, 1, 96],
  [128, 7, 7, 96, 3, 1, 1, 96],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(f: () => tf.Tensor | tf.TensorInfo): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const out = f();
    const tensor = out instanceof tf.Tensor ? out : tf.engine().makeTensorFromTensorInfo(out);
    await tensor.data();
    tensor.dispose();
    if (i > 1) runs.push(performance.now() - t);
  }
  return median(runs);
}

async function main() {
  await startWasm();
  const backend = tf.backend() as unknown as WasmBackendInternals;
  console.log(`load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log('shape                         filter: conv   matmul  ratio   netc  ratio | input: conv   matmul  ratio   netc  ratio');
  for (const [n, h, w, ci, k, s, p, co] of shapes.filter((_, i) => !process.env.ROWS || process.env.ROWS.split(',').includes(String(i)))) {
    const x = tf.randomUniform([n, h, w, ci]) as tf.Tensor4D;
    const filter = tf.randomUniform([k, k, ci, co]) as tf.Tensor4D;
    const pad = { top: p, bottom: p, left: p, right: p };
    const g = geometryOf(x.shape, filter.shape, [s, s], pad);
    const dy = tf.randomUniform([n, g.oh, g.ow, co]) as tf.Tensor4D;
    const attrs = { strides: s, pad: [[0, 0], [p, p], [p, p], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]], filterShape: filter.shape, inputShape: x.shape };
    const fConv = await time(() => conv2dFilterGradient(x, dy, attrs));
    const fMat = await time(() => matmulFilterGradient(backend, x, dy, g));
    const fNetc = await time(() => netcFilterGradient(backend, x, dy, g)!);
    const tiles = (process.env.TILES ?? '').split(',').filter(Boolean).map((t) => t.split('x').map(Number));
    for (const [pairs, vectors, images] of tiles) console.log(`   tile ${pairs}x${vectors}x${images}: ${(await time(() => netcFilterGradient(backend, x, dy, g, { pairs, vectors, images })!)).toFixed(1)} ms`);
    const gi = geometryOf(x.shape, filter.shape, [s, s], pad);
    const iConv = await time(() => conv2dInputGradient(backend, dy, filter, attrs));
    const iMat = await time(() => matmulInputGradient(backend, dy, filter, gi, n));
    const iNetc = s === 1 ? await time(() => directInputGradient(backend, dy, filter, x.shape, [s, s], pad, true)!) : NaN;
    const label = `[${n},${h},${w},${ci}] ${k}x${k}/${s} →${co}`.padEnd(28);
    console.log(`${label} ${fConv.toFixed(1).padStart(12)} ${fMat.toFixed(1).padStart(8)} ${(fConv / fMat).toFixed(2).padStart(6)} ${fNetc.toFixed(1).padStart(6)} ${(fConv / fNetc).toFixed(2).padStart(6)} | ${iConv.toFixed(1).padStart(11)} ${iMat.toFixed(1).padStart(8)} ${(iConv / iMat).toFixed(2).padStart(6)} ${iNetc.toFixed(1).padStart(6)} ${(iConv / iNetc).toFixed(2).padStart(6)}`);
    tf.dispose([x, filter, dy]);
  }
  process.exit(0);
}

void main();
