// Every layer case of the registry walk gives cpu's outputs and gradients on wasm (netc's kernels included).
import test from 'ava';
import { startWasmForTests } from '../helpers/wasm.js';
import { caseLabel, layerCases } from '../helpers/layer_cases.js';
import { assertMatchesCpu } from '../helpers/layer_backends.js';

test.before(startWasmForTests);

for (const c of layerCases) {
  for (const training of c.training ? [false, true] : [false]) {
    test.serial(`wasm = cpu: ${caseLabel(c)}${training ? ' (training)' : ''}`, (t) => assertMatchesCpu(t, 'wasm', c, training, 1e-4));
  }
}
