// Starts the tfjs backend netc trains on in a browser and says which one runs, why, and every one it tried:
// WebGPU where navigator.gpu gives an adapter that passes netc's known-answer tests (with netc's own WebGPU
// kernels registered), else WebGL with float32 render targets (validated the same way), else wasm, else cpu.
// The browser twin of start_backend.ts (Node); nothing here reaches node:*.
import * as tf from '../tfjs.js';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { registerWebGpuKernels } from './webgpu/register_kernels.js';
import { guardMalloc } from './wasm/malloc_guard.js';
import type { WasmBackendInternals } from './wasm/memory.js';
import { registerWasmKernels } from './wasm/register_kernels.js';
import { convGradientMismatch, expectedLoopCount, shaderLoopCount } from './validate_adapter.js';

export type BrowserBackendRequest = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const browserBackendChoices: BrowserBackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface BrowserBackendAttempt {
  backend: string;
  ok: boolean;
  reason: string;
}

export interface BrowserBackendInfo {
  backend: string;
  /** The adapter in words, e.g. "google swiftshader (WebGPU)" or "ANGLE (…) (WebGL 2)". */
  adapter: string;
  /** Why this backend: what was asked for, and for `auto` why the ones before it lost. */
  reason: string;
  /** Every backend tried, in order, with why it started or not. */
  tried: BrowserBackendAttempt[];
}

type Started = { adapter: string; reason: string } | { error: string };

const oneLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0].trim() || 'unknown error';

/** Switches to `name`, or says why not (tf.setBackend answers false, or throws, when the factory fails). */
async function switchTo(name: string): Promise<string | undefined> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name ? undefined : `tfjs could not initialize the ${name} backend`;
  } catch (error) {
    return oneLine(error);
  }
}

/** Drops a backend that failed its checks, so a later setBackend cannot pick it by accident. */
async function refuse(name: string, error: string): Promise<Started> {
  await tf.setBackend('cpu');
  if (tf.findBackend(name)) tf.removeBackend(name);
  return { error };
}

/** The adapter's name where navigator.gpu offers only a software one (SwiftShader, llvmpipe, lavapipe, or
 *  flagged as a fallback): measured here, such WebGPU trains LeNet ~10× slower than WebGL on the same machine. */
async function softwareWebGpuAdapter(): Promise<string | undefined> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GPU } | undefined)?.gpu;
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return undefined;
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  const fallback = info?.isFallbackAdapter === true || (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return fallback || /swiftshader|llvmpipe|lavapipe|software/i.test(name) ? name : undefined;
}

async function startWebGpu(): Promise<Started> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return { error: 'navigator.gpu is missing (this browser has no WebGPU, or it is switched off)' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { error: 'navigator.gpu.requestAdapter() gave no adapter' };
  // `info` is newer than some WebGPU type packages (requestAdapterInfo() before it).
  const info = (adapter as GPUAdapter & { info: GPUAdapterInfo }).info;
  const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const limits = adapter.limits;
  // The same limits tfjs-backend-webgpu asks for when it creates its own device.
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  const count = await shaderLoopCount(device);
  if (count !== expectedLoopCount) {
    device.destroy();
    return { error: `adapter ${name} failed a known-answer test: a shader loop of ${expectedLoopCount} iterations stopped after ${count}; refusing it` };
  }
  registerWebGpuKernels();
  // Replace tfjs's own factory (which would open a second device) with one on the device just checked.
  if (tf.findBackend('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new tf.WebGPUBackend(device, info));
  const problem = await switchTo('webgpu');
  if (problem) return refuse('webgpu', `WebGPU failed to start on ${name}: ${problem}`);
  const mismatch = await convGradientMismatch('webgpu');
  if (mismatch) return refuse('webgpu', `adapter ${name} failed a known-answer test: ${mismatch}; refusing it`);
  await tf.setBackend('webgpu');
  return { adapter: `${name} (WebGPU)`, reason: 'adapter passed its known-answer tests (70,000-iteration shader loop, conv filter gradient at batch 256), netc\'s WebGPU kernels registered' };
}

/** The GPU behind a WebGL context in words (the unmasked renderer where the browser exposes it). */
function webGlRenderer(backend: MathBackendWebGL): string {
  const gl = backend.gpgpu.gl;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function startWebGl(): Promise<Started> {
  const problem = await switchTo('webgl');
  if (problem) return refuse('webgl', `WebGL failed to start: ${problem}`);
  const version = tf.env().getNumber('WEBGL_VERSION');
  const renderer = webGlRenderer(tf.backend() as MathBackendWebGL);
  // tfjs silently falls back to half-float textures where float32 ones cannot be rendered to; netc's
  // gradients and its known-answer tests need float32, so such a device is refused rather than trained on badly.
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE') || !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) {
    return refuse('webgl', `WebGL on ${renderer} renders only to half-float textures (no ${version === 2 ? 'EXT_color_buffer_float' : 'WEBGL_color_buffer_float'}); netc needs float32 render targets`);
  }
  const mismatch = await convGradientMismatch('webgl');
  if (mismatch) return refuse('webgl', `WebGL on ${renderer} failed a known-answer test: ${mismatch}; refusing it`);
  await tf.setBackend('webgl');
  return { adapter: `${renderer} (WebGL ${version}, float32 render targets)`, reason: 'float32 render targets, conv filter gradient at batch 256 matches cpu' };
}

async function startWasmInPage(wasmPath: string): Promise<Started> {
  tf.setWasmPaths(wasmPath);
  // netc's wasm kernels are plain WebAssembly modules it writes itself; they run on the page's thread (the
  // Node worker_threads pool of runtime/backends/wasm/threads is not used here), XNNPACK's own ops use
  // tfjs's threaded build where the page is cross-origin isolated.
  registerWasmKernels();
  const problem = await switchTo('wasm');
  if (problem) return refuse('wasm', `wasm failed to start (binaries looked for at ${wasmPath}): ${problem}`);
  guardMalloc((tf.backend() as unknown as WasmBackendInternals).wasm);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = tf.getThreadsCount();
  return { adapter: `WebAssembly${simd ? ' SIMD' : ''}, XNNPACK, ${threads} thread${threads === 1 ? '' : 's'} (tfjs-backend-wasm) + netc's wasm kernels on the page's thread`, reason: 'started from the page\'s wasm binaries' };
}

const starters: Record<Exclude<BrowserBackendRequest, 'auto'>, (options: { wasmPath: string }) => Promise<Started>> = {
  webgpu: () => startWebGpu(),
  webgl: () => startWebGl(),
  wasm: ({ wasmPath }) => startWasmInPage(wasmPath),
  cpu: async () => ((await switchTo('cpu')) ? { error: 'the cpu backend did not start' } : { adapter: 'JavaScript (tfjs-backend-cpu)', reason: 'plain JavaScript, always available' }),
};

let starting: Promise<BrowserBackendInfo> | undefined;
let startedFor: BrowserBackendRequest | undefined;

/**
 * Starts (once per page) the backend the page trains on. A named backend that cannot start is an error
 * (one line); `auto` goes down webgpu → webgl → wasm → cpu (webgl first where WebGPU's adapter is a software
 * renderer) and reports every one it tried.
 */
export function startBrowserBackend(request: BrowserBackendRequest, options: { wasmPath?: string } = {}): Promise<BrowserBackendInfo> {
  if (starting && startedFor !== request) return starting.then((info) => Promise.reject(new Error(`this page already runs ${info.backend} (started for '${startedFor}'); reload it to use '${request}'`)));
  startedFor = request;
  return (starting ??= start(request, { wasmPath: options.wasmPath ?? './' }).catch((error: Error) => {
    starting = undefined; // a failed named start may be retried with another request
    startedFor = undefined;
    throw error;
  }));
}

async function start(request: BrowserBackendRequest, options: { wasmPath: string }): Promise<BrowserBackendInfo> {
  tf.env().set('PROD', true); // no console banners from tfjs
  await tf.setBackend('cpu'); // the known-answer tests compare against it
  const software = request === 'auto' ? await softwareWebGpuAdapter() : undefined;
  const order: Exclude<BrowserBackendRequest, 'auto'>[] = request !== 'auto' ? [request] : software ? ['webgl', 'webgpu', 'wasm', 'cpu'] : ['webgpu', 'webgl', 'wasm', 'cpu'];
  const tried: BrowserBackendAttempt[] = [];
  if (software) tried.push({ backend: 'webgpu', ok: false, reason: `its adapter is ${software}, a software renderer: WebGL trains several times faster there, so auto tries it first` });
  for (const backend of order) {
    const result = await starters[backend](options).catch((error: unknown): Started => ({ error: `${backend} failed to start: ${oneLine(error)}` }));
    if ('error' in result) {
      tried.push({ backend, ok: false, reason: result.error });
      continue;
    }
    tried.push({ backend, ok: true, reason: result.reason });
    const lost = [...new Map(tried.filter((t) => !t.ok).map((t) => [t.backend, t.reason])).entries()].map(([name, why]) => `${name}: ${why}`);
    const reason = request === 'auto' ? `auto: ${backend} ${result.reason}${lost.length ? ` (not ${lost.join('; ')})` : ''}` : `requested ${backend}; ${result.reason}`;
    return { backend, adapter: result.adapter, reason, tried };
  }
  throw new Error(request === 'auto' ? `no backend started: ${tried.map((t) => `${t.backend}: ${t.reason}`).join('; ')}` : `${request} cannot start: ${tried[0].reason}`);
}
