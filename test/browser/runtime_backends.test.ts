// startBrowserBackend in headless Chromium: WebGPU and WebGL each start when asked, name their adapter and
// pass netc's known-answer tests; auto reports every backend it tried; wasm starts from the page's binaries;
// a WebGL device without float32 render targets is refused in one line. Fails (not skips) in CI without Chromium.
import test from 'ava';
import { chromiumRequired, openHarness } from './harness/open_harness.js';
import type { HarnessWindow } from './harness/harness_window.js';

const opened = await openHarness();
if (!opened.ready) console.log(`test/browser/runtime_backends: skipping (${opened.reason})`);
const harness = opened.ready ? opened.harness : undefined;
test.after.always(() => harness?.close());

test.serial('Chromium starts for the backend tests (required in CI)', (t) => {
  t.true(opened.ready || !chromiumRequired(), opened.ready ? '' : opened.reason);
});

const browserTest = harness ? test.serial : test.skip;
const start = (request: string) => harness!.page.evaluate((r) => (window as unknown as HarnessWindow).netcHarness.startBrowserBackend(r as 'auto'), request);

for (const [request, adapter] of [['webgpu', /\(WebGPU\)$/], ['webgl', /\(WebGL 2, float32 render targets\)$/], ['wasm', /^WebAssembly/]] as const) {
  browserTest(`startBrowserBackend('${request}') runs ${request} and names the adapter`, async (t) => {
    await harness!.reload();
    const info = await start(request);
    t.log(`${info.backend}: ${info.adapter} — ${info.reason}`);
    t.is(info.backend, request);
    t.regex(info.adapter, adapter);
    t.deepEqual(info.tried.map((a) => [a.backend, a.ok]), [[request, true]]);
    t.is(await harness!.page.evaluate(() => (window as unknown as HarnessWindow).netcHarness.backend()), request, 'tfjs computes on it');
    // Once started, another request on the same page is refused with a one-line reason.
    const other = request === 'webgl' ? 'cpu' : 'webgl';
    const error = await t.throwsAsync(start(other));
    t.regex(error!.message, new RegExp(`already runs ${request}`));
  });
}

browserTest("startBrowserBackend('auto') takes WebGL where WebGPU's adapter is a software renderer (SwiftShader here), and says why", async (t) => {
  await harness!.reload();
  const info = await start('auto');
  t.log(info.reason);
  t.is(info.backend, 'webgl');
  t.deepEqual(info.tried.map((a) => [a.backend, a.ok]), [['webgpu', false], ['webgl', true]]);
  t.regex(info.tried[0].reason, /^its adapter is google swiftshader.*, a software renderer: WebGL trains several times faster there, so auto tries it first$/);
  t.regex(info.reason, /^auto: webgl .*\(not webgpu: its adapter is google swiftshader/);
});

browserTest("startBrowserBackend('auto') takes WebGPU first where its adapter is hardware", async (t) => {
  await harness!.reload();
  const info = await harness!.page.evaluate(async () => {
    const h = (window as unknown as HarnessWindow).netcHarness;
    // The same SwiftShader device, introduced as a hardware adapter: only the order auto tries changes.
    const gpu = navigator.gpu;
    const request = gpu.requestAdapter.bind(gpu);
    const hardware = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false };
    gpu.requestAdapter = async (options?: GPURequestAdapterOptions) => {
      const adapter = await request(options);
      if (!adapter) return adapter;
      return new Proxy(adapter, {
        get: (target, key) => (key === 'info' ? hardware : key === 'isFallbackAdapter' ? false : typeof Reflect.get(target, key) === 'function' ? Reflect.get(target, key).bind(target) : Reflect.get(target, key)),
      });
    };
    return h.startBrowserBackend('auto');
  });
  t.log(info.reason);
  t.is(info.backend, 'webgpu');
  t.deepEqual(info.tried.map((a) => [a.backend, a.ok]), [['webgpu', true]]);
  t.regex(info.reason, /^auto: webgpu /);
});

browserTest('a WebGL device that cannot render float32 textures is refused in one line; auto without WebGPU moves on to wasm', async (t) => {
  await harness!.reload();
  const refused = await harness!.page.evaluate(async () => {
    const h = (window as unknown as HarnessWindow).netcHarness;
    h.tf.env().set('WEBGL_RENDER_FLOAT32_CAPABLE', false); // what a half-float-only device reports
    Object.defineProperty(navigator, 'gpu', { value: undefined }); // and no WebGPU
    return h.startBrowserBackend('auto');
  });
  t.log(refused.tried.map((a) => `${a.backend}: ${a.reason}`).join('\n'));
  t.deepEqual(refused.tried.map((a) => [a.backend, a.ok]), [['webgpu', false], ['webgl', false], ['wasm', true]]);
  t.regex(refused.tried[1].reason, /^WebGL on .* renders only to half-float textures \(no EXT_color_buffer_float\); netc needs float32 render targets$/);
  t.is(refused.backend, 'wasm');
  await harness!.reload();
  const error = await t.throwsAsync(
    harness!.page.evaluate(() => {
      const h = (window as unknown as HarnessWindow).netcHarness;
      h.tf.env().set('WEBGL_RENDER_FLOAT32_CAPABLE', false);
      return h.startBrowserBackend('webgl');
    }),
  );
  t.regex(error!.message, /webgl cannot start: WebGL on .* renders only to half-float textures/);
});
