// netc's WebGPU kernels are one explicit list (runtime/backends/webgpu/register_kernels.ts), registered once
// when WebGPU starts, not as a side effect of importing them; registering needs no adapter, so this runs anywhere.
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { registerWebGpuKernels, webGpuKernelConfigs } from '../../runtime/backends/webgpu/register_kernels.js';
import { directConv2d } from '../../runtime/backends/direct_conv.js';
import { tiledAvgPool } from '../../runtime/backends/tiled_pool.js';

test.serial('importing the ops registers no WebGPU kernel; registerWebGpuKernels registers each config once', (t) => {
  t.is(typeof directConv2d, 'function');
  t.is(typeof tiledAvgPool, 'function');
  for (const config of webGpuKernelConfigs) t.falsy(tf.getKernel(config.kernelName, 'webgpu'), `${config.kernelName} before registration`);
  t.falsy(tf.getGradient('NetcConv2D'));
  registerWebGpuKernels();
  const names = webGpuKernelConfigs.map((c) => c.kernelName);
  t.is(new Set(names).size, names.length, 'no kernel is listed twice');
  for (const config of webGpuKernelConfigs) t.is(tf.getKernel(config.kernelName, 'webgpu')?.kernelFunc, config.kernelFunc, config.kernelName);
  t.truthy(tf.getGradient('NetcConv2D'));
  t.truthy(tf.getGradient('NetcTiledAvgPool'));
});

test.serial('registering again changes nothing', (t) => {
  registerWebGpuKernels();
  registerWebGpuKernels();
  for (const config of webGpuKernelConfigs) t.is(tf.getKernel(config.kernelName, 'webgpu').kernelFunc, config.kernelFunc);
});
