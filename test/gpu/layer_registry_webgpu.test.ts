// Every layer case of the registry walk gives cpu's outputs and gradients on WebGPU. Skipped, with the
// reason printed, where no WebGPU adapter starts (CI installs lavapipe, so there it must start).
import test from 'ava';
import { startWebGpuForTests, webGpuRequired } from '../helpers/webgpu.js';
import { caseLabel, layerCases } from '../helpers/layer_cases.js';
import { assertMatchesCpu } from '../helpers/layer_backends.js';

const gpu = await startWebGpuForTests();
if (!gpu.ready) console.log(`test/gpu/layer_registry_webgpu: skipping (no WebGPU: ${gpu.reason})`);

test.serial('WebGPU starts for the layer checks (required in CI)', (t) => {
  t.true(gpu.ready || !webGpuRequired(), gpu.ready ? '' : gpu.reason);
});

const gpuTest = gpu.ready ? test.serial : test.skip;
for (const c of layerCases) {
  for (const training of c.training ? [false, true] : [false]) {
    gpuTest(`webgpu = cpu: ${caseLabel(c)}${training ? ' (training)' : ''}`, (t) => assertMatchesCpu(t, 'webgpu', c, training, 1e-4));
  }
}
