// Starts the requested tfjs backend and says which one runs and why. `auto` takes a hardware WebGPU adapter
// that passes its known-answer tests; otherwise the fastest CPU path, wasm (a software Vulkan adapter is
// ~5× slower than wasm on the same cores, even with netc's own WebGPU kernels); the plain JavaScript cpu backend is the last resort.
import * as tf from '../tfjs.js';
import { openVulkanAdapter, type GpuAdapterDescription } from './webgpu/node.js';
import { registerWebGpuKernels } from './webgpu/register_kernels.js';
import { convGradientMismatch, expectedLoopCount, shaderLoopCount } from './validate_adapter.js';
import { startWasm, wasmDescription } from './wasm/node.js';

export type BackendRequest = 'auto' | 'webgpu' | 'wasm' | 'cpu';
export const backendChoices: BackendRequest[] = ['auto', 'webgpu', 'wasm', 'cpu'];

export interface BackendInfo {
  backend: 'webgpu' | 'wasm' | 'cpu';
  /** The adapter in words, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), Mesa 25.0.7 (software Vulkan)". */
  adapter: string;
  /** Why this backend: what was asked for, and for `auto` why it won. */
  reason: string;
  gpu?: GpuAdapterDescription;
}

import { BackendError } from '../errors.js';

function adapterText(d: GpuAdapterDescription): string {
  const name = d.description || [d.vendor, d.architecture, d.device].filter(Boolean).join(' ') || 'unknown adapter';
  return `${name}${d.software ? ' (software Vulkan)' : ''}`;
}

let started: BackendInfo | undefined;

async function startWebGpu(hardwareOnly: boolean): Promise<BackendInfo | { error: string }> {
  const opened = await openVulkanAdapter();
  if ('error' in opened) return opened;
  const { gpu, adapter, description } = opened;
  if (hardwareOnly && description.software) return { error: `the WebGPU adapter is ${adapterText(description)}, slower than wasm on this CPU` };
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    },
  });
  const count = await shaderLoopCount(device);
  if (count !== expectedLoopCount) {
    device.destroy();
    return { error: `adapter ${adapterText(description)} failed a known-answer test: a shader loop of ${expectedLoopCount} iterations stopped after ${count} (a driver defect that corrupts conv gradients); refusing it` };
  }
  // The webgpu backend checks navigator.gpu when it is constructed.
  const globals = globalThis as { navigator?: unknown };
  const previousNavigator = globals.navigator;
  globals.navigator = { gpu };
  registerWebGpuKernels();
  tf.registerBackend('webgpu', () => new tf.WebGPUBackend(device, adapter.info));
  await tf.setBackend('webgpu');
  const mismatch = await convGradientMismatch('webgpu');
  if (mismatch) {
    await tf.setBackend('cpu');
    tf.removeBackend('webgpu');
    device.destroy();
    globals.navigator = previousNavigator;
    return { error: `adapter ${adapterText(description)} failed a known-answer test: ${mismatch}; refusing it` };
  }
  await tf.setBackend('webgpu');
  return { backend: 'webgpu', adapter: adapterText(description), reason: '', gpu: description };
}

const cpuInfo = (reason: string): BackendInfo => ({ backend: 'cpu', adapter: 'JavaScript (tfjs-backend-cpu)', reason });

/** Starts (once per process) the backend netc computes on. Throws BackendError when a named one cannot start. */
export async function startBackend(request: BackendRequest): Promise<BackendInfo> {
  if (started) return started;
  tf.env().set('PROD', true); // no console banners from tfjs
  await tf.setBackend('cpu');
  if (request === 'cpu') return (started = cpuInfo('requested with --backend cpu'));
  if (request === 'wasm') {
    const problem = await startWasm();
    if (problem) throw new BackendError(`--backend wasm cannot start: ${problem}`);
    return (started = { backend: 'wasm', adapter: await wasmDescription(), reason: 'requested with --backend wasm' });
  }
  const webgpu = await startWebGpu(request === 'auto').catch((error: Error) => ({ error: `WebGPU failed to start: ${error.message.split('\n')[0]}` }));
  if ('error' in webgpu) {
    if (request === 'webgpu') throw new BackendError(`--backend webgpu cannot start: ${webgpu.error}`);
    const problem = await startWasm();
    if (!problem) return (started = { backend: 'wasm', adapter: await wasmDescription(), reason: `auto: no hardware WebGPU (${webgpu.error}); wasm is the fastest CPU path` });
    return (started = cpuInfo(`auto: no hardware WebGPU (${webgpu.error}) and wasm failed (${problem})`));
  }
  const reason = request === 'webgpu' ? 'requested with --backend webgpu; adapter passed its known-answer tests' : 'auto: a hardware WebGPU adapter passed its known-answer tests';
  return (started = { ...webgpu, reason });
}
