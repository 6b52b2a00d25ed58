// A cold start's first training step is mostly shader compilation (one pipeline per kernel and shape). This
// runs a step in tfjs's compile-only mode — every pipeline is created, asynchronously and in parallel
// (createComputePipelineAsync on WebGPU, KHR_parallel_shader_compile on WebGL), nothing is computed — and
// waits for them, so the real first step finds every pipeline ready. `step` must build its own throwaway
// tensors (its outputs hold no data) and read nothing back.
import * as tf from '../tfjs.js';

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<unknown>;
  getUniformLocations?(): void;
}

const compileOnlyFlag: Record<string, string> = { webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY', webgl: 'ENGINE_COMPILE_ONLY' };

/** Compiles every pipeline `step` needs on the current backend (webgpu, webgl); elsewhere does nothing. Returns ms spent. */
export async function precompile(step: () => void): Promise<number> {
  const flag = compileOnlyFlag[tf.getBackend()];
  if (!flag) return 0;
  const start = performance.now();
  const backend = tf.backend() as unknown as CompilingBackend;
  tf.env().set(flag, true);
  try {
    tf.tidy(step);
  } finally {
    tf.env().set(flag, false);
  }
  await backend.checkCompileCompletionAsync();
  backend.getUniformLocations?.(); // WebGL: bind each program's uniforms once it has linked
  return performance.now() - start;
}
