// WebGPU in Node through Dawn (the `webgpu` package), always over Vulkan: a hardware driver where there is
// one, else Mesa's lavapipe or SwiftShader. Never Dawn's OpenGL ES path, whose shaders stop after 65,535
// loop iterations (wrong conv gradients at batch >= 128 on Debian 12's Mesa 22).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface GpuAdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for CPU-emulated drivers (lavapipe/llvmpipe, SwiftShader). */
  software: boolean;
  /** The Vulkan ICD in use, when one was chosen explicitly. */
  driver: string;
}

export interface OpenedAdapter {
  gpu: GPU;
  adapter: GPUAdapter;
  description: GpuAdapterDescription;
}

const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

function describe(adapter: GPUAdapter, driver: string): GpuAdapterDescription {
  const info = adapter.info;
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`.toLowerCase();
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    software: /llvmpipe|lavapipe|swiftshader|software/.test(text),
    driver,
  };
}

let dawn: { create(flags: string[]): GPU; globals: Record<string, unknown> } | undefined;

/** Loads Dawn and asks for a Vulkan adapter; SwiftShader (from Debian's chromium) is the fallback ICD. */
export async function openVulkanAdapter(): Promise<OpenedAdapter | { error: string }> {
  try {
    dawn ??= createRequire(import.meta.url)('webgpu') as typeof dawn;
  } catch (error) {
    try {
      dawn ??= (await import('webgpu')) as unknown as typeof dawn;
    } catch {
      return { error: `the 'webgpu' package (Dawn) could not be loaded: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  Object.assign(globalThis, dawn!.globals);
  const attempts: string[] = [];
  const tryOnce = async (driver: string): Promise<OpenedAdapter | undefined> => {
    const gpu = dawn!.create(['backend=vulkan']);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      attempts.push(driver);
      return undefined;
    }
    return { gpu, adapter, description: describe(adapter, driver) };
  };
  const first = await tryOnce(process.env.VK_ICD_FILENAMES ? `Vulkan ICD ${process.env.VK_ICD_FILENAMES}` : 'the system Vulkan driver');
  if (first) return first;
  if (!process.env.VK_ICD_FILENAMES && existsSync(swiftShaderIcd)) {
    // The Vulkan loader reads this when Dawn creates its next instance.
    process.env.VK_ICD_FILENAMES = swiftShaderIcd;
    const second = await tryOnce(`SwiftShader (${swiftShaderIcd})`);
    if (second) return second;
  }
  return {
    error: `no Vulkan adapter (tried ${attempts.join(', ')}); install a GPU driver, or Mesa 25's lavapipe: apt-get install -t bookworm-backports mesa-vulkan-drivers`,
  };
}
