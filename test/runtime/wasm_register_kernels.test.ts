// netc's wasm kernels are one explicit list (runtime/backends/wasm/register_kernels.ts), registered once when
// the backend starts: every config is in tfjs's registry for 'wasm', a wrapped kernel keeps tfjs's setupFunc,
// and registering again changes nothing (no kernel wrapped twice).
import test from 'ava';
import * as tf from '../../runtime/tfjs.js';
import { registerWasmKernels, wasmKernelConfigs } from '../../runtime/backends/wasm/register_kernels.js';
import { netcGradientConfigs } from '../../runtime/backends/register_gradients.js';
import { startWasmForTests } from '../helpers/wasm.js';

test.before(startWasmForTests);

test('every kernel config is registered for wasm, once per name', (t) => {
  const names = wasmKernelConfigs.map((c) => c.kernelName);
  t.is(new Set(names).size, names.length, 'no kernel is listed twice');
  for (const config of wasmKernelConfigs) {
    const registered = tf.getKernel(config.kernelName, 'wasm');
    t.truthy(registered, config.kernelName);
    if ('kernelFunc' in config) t.is(registered.kernelFunc, config.kernelFunc, `${config.kernelName} is netc's`);
  }
  for (const gradient of netcGradientConfigs) t.truthy(tf.getGradient(gradient.kernelName), `gradient of ${gradient.kernelName}`);
});

test("a wrapped kernel keeps tfjs's setupFunc, which binds its native function", (t) => {
  for (const name of ['Add', 'Sum', 'AvgPool', 'Transpose']) t.is(typeof tf.getKernel(name, 'wasm').setupFunc, 'function', name);
});

test('registering again changes nothing', (t) => {
  const before = wasmKernelConfigs.map((c) => tf.getKernel(c.kernelName, 'wasm'));
  registerWasmKernels();
  registerWasmKernels();
  t.deepEqual(wasmKernelConfigs.map((c) => tf.getKernel(c.kernelName, 'wasm').kernelFunc), before.map((k) => k.kernelFunc));
});
