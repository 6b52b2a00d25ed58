// The lowering plan's word for an avgpool on wasm is what runs: netc's tiled-pool code compiles and runs for
// exactly the windows `wasmTiledPoolRuns` (the rule the plan asks) accepts, inside tfjs's AvgPool kernel.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { wasmTiledPoolRuns } from '../../runtime/backends/wasm/kernels/pooling.js';
import { observeCompiledModules } from '../../runtime/backends/wasm/memory.js';
import { startWasmForTests } from '../helpers/wasm.js';
import { onBackend } from '../helpers/webgpu.js';

test.before(startWasmForTests);

// [kernel, stride, NHWC input without the batch]; every shape distinct, so each compiles its own module.
const cases: [[number, number], [number, number], number[]][] = [
  [[2, 2], [2, 2], [28, 28, 6]],
  [[2, 3], [2, 3], [4, 9, 5]],
  [[3, 3], [2, 2], [9, 9, 7]],
  [[2, 2], [2, 2], [7, 8, 6]],
  [[2, 2], [2, 2], [8, 8, 257]],
];

for (const [kernel, stride, shape] of cases) {
  const runs = wasmTiledPoolRuns(kernel, stride, [0, 0], shape);
  test.serial(`avgpool k=${kernel} s=${stride} over [${shape}]: ${runs ? "netc's tiled pool runs" : "tfjs's kernel runs"}, as the plan says`, async (t) => {
    const compiled: string[] = [];
    observeCompiledModules((key) => compiled.push(key));
    try {
      await onBackend('wasm', async () => {
        const y = tf.tidy(() => tf.avgPool(tf.randomUniform([2, shape[0], shape[1], shape[2]], -1, 1, 'float32', 4) as tf.Tensor4D, kernel, stride, 'valid'));
        await y.data();
        y.dispose();
      });
    } finally {
      observeCompiledModules(undefined);
    }
    t.is(compiled.some((key) => key.startsWith('pool')), runs, `modules compiled: ${compiled.join(', ') || 'none'}`);
  });
}
