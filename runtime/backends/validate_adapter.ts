// Known-answer tests an adapter must pass before netc trains on it: a shader loop past 65,535 iterations
// (where Dawn's OpenGL ES path over Mesa 22 stops), and a conv filter gradient at batch 256 against cpu.
import * as tf from '../tfjs.js';
import { Rng } from '../rng.js';

const LOOP_ITERATIONS = 70_000;

const loopShader = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> data: array<u32>;
@compute @workgroup_size(1)
fn main() {
  var count: u32 = 0u;
  // The bound comes from memory so the compiler cannot fold the loop away.
  for (var i: u32 = 0u; i < data[0]; i = i + 1u) { count = count + 1u; }
  data[1] = count;
}`;

/** Runs a compute shader that counts to 70,000; a driver that stops loops early returns less. */
export async function shaderLoopCount(device: GPUDevice): Promise<number> {
  const storage = device.createBuffer({ size: 8, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const readback = device.createBuffer({ size: 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(storage, 0, new Uint32Array([LOOP_ITERATIONS, 0]));
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: loopShader }), entryPoint: 'main' } });
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: storage } }] });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(1);
  pass.end();
  encoder.copyBufferToBuffer(storage, 0, readback, 0, 8);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const count = new Uint32Array(readback.getMappedRange().slice(0))[1];
  readback.unmap();
  storage.destroy();
  readback.destroy();
  return count;
}

/** The conv filter gradient of a batch-256 LeNet-sized conv on `backend`, as plain numbers. */
async function convFilterGradient(backend: string): Promise<Float32Array> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    return await filterGradientOnCurrentBackend();
  } finally {
    if (previous) await tf.setBackend(previous);
  }
}

async function filterGradientOnCurrentBackend(): Promise<Float32Array> {
  const rng = new Rng(1234);
  const x = Float32Array.from({ length: 256 * 28 * 28 }, () => rng.next());
  const w = Float32Array.from({ length: 5 * 5 * 6 }, () => rng.uniform(-0.2, 0.2));
  const grad = tf.tidy(() => {
    const input = tf.tensor4d(x, [256, 28, 28, 1]);
    return tf.grad((filter: tf.Tensor) => tf.sum(tf.sigmoid(tf.conv2d(input, filter as tf.Tensor4D, 1, [[0, 0], [2, 2], [2, 2], [0, 0]]))))(tf.tensor4d(w, [5, 5, 1, 6]));
  });
  const data = (await grad.data()) as Float32Array;
  grad.dispose();
  return data;
}

/** Compares the filter gradient on `backend` with the cpu backend; returns a problem, or undefined. */
export async function convGradientMismatch(backend: string): Promise<string | undefined> {
  const [got, want] = [await convFilterGradient(backend), await convFilterGradient('cpu')];
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  return worst > 1e-3 ? `conv filter gradient at batch 256 differs from the cpu backend by ${worst.toExponential(2)} (relative)` : undefined;
}

export const expectedLoopCount = LOOP_ITERATIONS;
