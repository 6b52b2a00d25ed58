// The input tensor: bytes scaled on the device give exactly the float32 pixels JavaScript computed before; per-channel
// normalization broadcasts over NHWC's last axis; nothing leaks.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { startWasm } from '../../runtime/backends/wasm/node.js';
import { inputTensor } from '../../runtime/input_pipeline.js';

const bytes = Float32Array.from({ length: 256 }, (_, v) => v);

for (const backend of ['cpu', 'wasm']) {
  test.serial(`${backend}: every byte / 255 on the device equals Math.fround(v / 255)`, async (t) => {
    if (backend === 'wasm') {
      const problem = await startWasm();
      if (problem) return t.fail(problem);
    }
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => inputTensor(bytes, 1, [1, 16, 16], { flatten: true }, undefined, 255));
    const values = await y.data();
    y.dispose();
    t.deepEqual([...values], [...bytes].map((v) => Math.fround(v / 255)));
    t.is(tf.memory().numTensors, before);
  });
}

test.serial('per-channel normalization: (x − mean[c]) / std[c] on each channel of NHWC', async (t) => {
  await tf.setBackend('cpu');
  const x = Float32Array.from([0, 0.5, 1, 1, 0.5, 0]); // two RGB pixels
  const y = tf.tidy(() => inputTensor(x, 1, [3, 1, 2], { flatten: true }, { mean: [0.5, 0.5, 0], std: [0.5, 1, 2] }));
  t.deepEqual([...(await y.data())], [-1, 0, 0.5, 1, 0, 0]);
  y.dispose();
});
