// The wasm backend (XNNPACK, SIMD) in Node, with netc's gradient kernels so it can train.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '../tfjs.js';
import { registerWasmGradientKernels } from './wasm_gradient_kernels.js';
import { registerWasmFastKernels } from './wasm_fast_kernels.js';

/** Starts tfjs-backend-wasm from the .wasm files shipped in its npm package; returns a problem, or undefined. */
export async function startWasm(): Promise<string | undefined> {
  let distDir: string;
  try {
    distDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  } catch {
    return "the '@tensorflow/tfjs-backend-wasm' package is not installed";
  }
  tf.setWasmPaths(join(distDir, '/'));
  registerWasmGradientKernels();
  registerWasmFastKernels();
  const ok = await tf.setBackend('wasm').catch(() => false);
  return ok ? undefined : 'tfjs-backend-wasm failed to initialize';
}

export async function wasmDescription(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return `WebAssembly${simd ? ' SIMD' : ''}, XNNPACK, 1 thread (tfjs-backend-wasm)`;
}
