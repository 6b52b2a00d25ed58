// netc's SIMD sigmoid (runtime/backends/wasm/codegen/simd_math.ts) and the activation gradient of its direct convs
// on wasm compute what the cpu backend computes: across the whole float range, at both ends of exp's range,
// for sizes with and without a tail past whole vectors, split between threads or not.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { seededValues, startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

async function onBoth<T>(run: () => Promise<T>): Promise<{ cpu: T; wasm: T }> {
  await tf.setBackend('cpu');
  const cpu = await run();
  await tf.setBackend('wasm');
  const wasm = await run();
  return { cpu, wasm };
}

/** max |a − b| / max(|b|, floor): relative where values are large, absolute below `floor`. */
function worstError(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let worst = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < b.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

const sizes: [string, number][] = [
  ["LeNet's first feature map [256, 28, 28, 6]: split between threads", 256 * 28 * 28 * 6],
  ['4,099 floats: a 3-float tail (and below the split)', 4099],
  ['100 floats: below the size netc takes (tfjs\'s kernel)', 100],
];

for (const [label, size] of sizes) {
  test.serial(`sigmoid over ${label}: wasm = cpu within 1e-6 (relative above 1e-3)`, async (t) => {
    // −100 … 100 with the edges of exp's range (±87, ±88), zeros and tiny values mixed in.
    const values = seededValues([size], 3, -100, 100);
    [0, -0, 1e-30, -87, 87, -87.5, 88, -88, -1e-7].forEach((v, i) => (values[(i * 7919) % size] = v));
    const { cpu, wasm } = await onBoth(async () => {
      const x = tf.tensor(values);
      const y = tf.sigmoid(x);
      const data = await y.data();
      tf.dispose([x, y]);
      return data;
    });
    const worst = worstError(wasm, cpu, 1e-3);
    t.true(worst <= 1e-6, `worst ${worst}`);
  });
}

for (const activation of ['sigmoid', 'relu'] as const)
  for (const [label, size] of sizes.slice(0, 2))
    test.serial(`NetcActivationGrad (${activation}) over ${label}: wasm = dy · ${activation}'(from its output) on cpu`, async (t) => {
      const dyValues = seededValues([size], 5);
      const yValues = activation === 'sigmoid' ? seededValues([size], 6, 0, 1) : seededValues([size], 6, -1, 1).map((v) => Math.max(v, 0));
      await tf.setBackend('cpu');
      const [dyCpu, yCpu] = [tf.tensor(dyValues), tf.tensor(yValues)];
      const want = tf.tidy(() => (activation === 'sigmoid' ? tf.mul(dyCpu, tf.mul(yCpu, tf.sub(1, yCpu))) : tf.mul(dyCpu, tf.step(yCpu))));
      const wantData = await want.data();
      tf.dispose([dyCpu, yCpu, want]);
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      const [dy, y] = [tf.tensor(dyValues), tf.tensor(yValues)];
      const got = tf.engine().runKernel('NetcActivationGrad', { dy, y }, { activation }) as tf.Tensor;
      const gotData = await got.data();
      tf.dispose([dy, y, got]);
      t.is(tf.memory().numTensors, before);
      const worst = worstError(gotData, wantData, 1);
      t.true(worst <= 1e-7, `worst ${worst}`);
    });
