// What netc's own WebGPU kernels share: a tfjs WebGPU program whose shader computes its own indices, run on
// the backend, and the typing of a kernel function's arguments.
import * as tf from '../../tfjs.js';

export type Program = tf.WebGPUBackend extends { runWebGPUProgram(p: infer P, ...rest: never[]): unknown } ? P : never;
export type Shape4 = [number, number, number, number];

const workgroup = 64;

/** Invocations as a 2-D grid of 64-wide workgroups (a dimension holds at most 65,535). */
function gridOf(invocations: number): [number, number, number] {
  const groups = Math.ceil(invocations / workgroup);
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x), 1];
}

/** A program whose shader computes its own indices: `main(index)` gets the flat invocation index. */
export function program(key: string, variableNames: string[], outputShape: number[], invocations: number, body: string): Program {
  return {
    variableNames,
    outputShape,
    shaderKey: `netc_${key}`,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: gridOf(invocations),
    workgroupSize: [workgroup, 1, 1],
    // `_ = uniforms…` keeps tfjs's uniform binding in the layout, which it always binds.
    getUserCode: () => `fn main(index : i32) {\n  _ = uniforms.outShape;\n${body}\n}`,
  } as Program;
}

/** Runs a program on the webgpu backend, float32 out. */
export const runProgram = (backend: unknown, p: Program, inputs: tf.TensorInfo[]) => (backend as tf.WebGPUBackend).runWebGPUProgram(p, inputs, 'float32');

export type WebGpuKernelArgs = { inputs: Record<string, tf.TensorInfo>; backend: unknown; attrs?: tf.NamedAttrMap };
/** tfjs passes inputs as a map whose values may be absent (bias); the ones a kernel names are always given. */
export const kernel = (f: (args: WebGpuKernelArgs) => tf.TensorInfo) => f as unknown as tf.KernelFunc;
