// `--explain` tells the truth about avgpool on wasm: for each pool, the lowering plan says "tiled average
// (netc wasm SIMD kernel)" exactly where running the pool's lowering on wasm compiles and runs netc's
// tiled-pool code (inside tfjs's AvgPool kernel, which asks the same rule, `wasmTiledPoolRuns`).
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { planLowerings } from '../../runtime/lowering_plan.js';
import { evalContext } from '../../runtime/forward_context.js';
import { poolLowerings } from '../../runtime/ops/pool.js';
import { observeCompiledModules } from '../../runtime/backends/wasm/memory.js';
import { mustCompile } from '../helpers/files.js';
import { startWasmForTests } from '../helpers/wasm.js';
import { onBackend } from '../helpers/webgpu.js';

test.before(startWasmForTests);

// [input [c, h, w], avgpool attributes]; every shape distinct, so each compiles its own module.
const cases: [string, string][] = [
  ['[6, 28, 28]', 'kernel: 2, stride: 2'],
  ['[5, 4, 9]', 'kernel: [2, 3], stride: [2, 3]'],
  ['[7, 6, 6]', 'kernel: 2, stride: 2, pad: 1'],
  ['[7, 9, 9]', 'kernel: 3, stride: 2'],
  ['[6, 7, 8]', 'kernel: 2, stride: 2'],
  ['[257, 8, 8]', 'kernel: 2, stride: 2'],
  ['[3, 7, 7]', 'kernel: 2, stride: 2, ceil: true'], // ceil mode's extra row and column make 8×8 tile
  ['[3, 5, 5]', 'kernel: 2, stride: 2, ceil: true, count_pad: false'],
];

for (const [input, attrs] of cases) {
  test.serial(`avgpool(${attrs}) over ${input} on wasm: the plan names the code that runs`, async (t) => {
    const ir = mustCompile(`network N { input ${input}\n avgpool(${attrs}) }`);
    const node = ir.nodes.find((n) => n.op === 'avgpool')!;
    const choice = planLowerings(ir, 'wasm', 'eval').choices.get(node.name)!;
    const compiled: string[] = [];
    observeCompiledModules((key) => compiled.push(key));
    try {
      await onBackend('wasm', async () => {
        const [c, h, w] = ir.nodes[0].shape;
        const y = tf.tidy(() => poolLowerings.avgpool(node, [tf.randomUniform([2, h, w, c], -1, 1, 'float32', 4)], {}, evalContext(), { choice, paramsOf: () => ({}) }));
        await y.data();
        y.dispose();
      });
    } finally {
      observeCompiledModules(undefined);
    }
    const ran = compiled.some((key) => key.startsWith('pool'));
    t.is(choice.strategy === 'tiled average (netc wasm SIMD kernel)', ran, `plan: ${choice.strategy}; modules compiled: ${compiled.join(', ') || 'none'}`);
    t.log(`${choice.strategy}${ran ? ' (netc code ran)' : ''}`);
  });
}
