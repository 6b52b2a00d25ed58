// Starts the requested tfjs backend and says which one runs and why; `auto` takes a validated WebGPU
// adapter where one starts, else the cpu backend.
import * as tf from '../tfjs.js';
import { openVulkanAdapter, type GpuAdapterDescription } from './webgpu_node.js';
import { convGradientMismatch, expectedLoopCount, shaderLoopCount } from './validate_adapter.js';

export type BackendRequest = 'auto' | 'webgpu' | 'cpu';
export const backendChoices: BackendRequest[] = ['auto', 'webgpu', 'cpu'];

export interface BackendInfo {
  backend: 'webgpu' | 'cpu';
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

async function startWebGpu(): Promise<BackendInfo | { error: string }> {
  const opened = await openVulkanAdapter();
  if ('error' in opened) return opened;
  const { gpu, adapter, description } = opened;
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
  (globalThis as { navigator?: unknown }).navigator = { gpu };
  tf.registerBackend('webgpu', () => new tf.WebGPUBackend(device, adapter.info));
  await tf.setBackend('webgpu');
  const mismatch = await convGradientMismatch('webgpu');
  if (mismatch) {
    tf.removeBackend('webgpu');
    return { error: `adapter ${adapterText(description)} failed a known-answer test: ${mismatch}; refusing it` };
  }
  await tf.setBackend('webgpu');
  return { backend: 'webgpu', adapter: adapterText(description), reason: '', gpu: description };
}

/** Starts (once per process) the backend netc computes on. Throws BackendError when a named one cannot start. */
export async function startBackend(request: BackendRequest): Promise<BackendInfo> {
  if (started) return started;
  tf.env().set('PROD', true); // no console banners from tfjs
  await tf.setBackend('cpu');
  if (request === 'cpu') {
    started = { backend: 'cpu', adapter: 'JavaScript (tfjs-backend-cpu)', reason: 'requested with --backend cpu' };
    return started;
  }
  const webgpu = await startWebGpu().catch((error: Error) => ({ error: `WebGPU failed to start: ${error.message.split('\n')[0]}` }));
  if ('error' in webgpu) {
    if (request === 'webgpu') throw new BackendError(`--backend webgpu cannot start: ${webgpu.error}`);
    started = { backend: 'cpu', adapter: 'JavaScript (tfjs-backend-cpu)', reason: `auto: WebGPU unavailable (${webgpu.error})` };
    return started;
  }
  started = { ...webgpu, reason: request === 'webgpu' ? 'requested with --backend webgpu; adapter passed its known-answer tests' : 'auto: a WebGPU adapter started and passed its known-answer tests' };
  return started;
}
