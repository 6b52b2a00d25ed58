// Sigmoid and the activation gradient of netc's direct convs (`NetcActivationGrad`, from the activation
// table's wasm code) on the wasm backend, as single passes of netc's SIMD code split between threads.
// tfjs-backend-wasm's Sigmoid is a scalar loop (~1 ms over LeNet's [256, 28, 28, 6]), and the gradient
// dy · y · (1 − y) took three of its ops (~1.7 ms). The last few floats (past whole vectors) are done in JavaScript.
import * as tf from '../../../tfjs.js';
import { activationTable, type ActivationName, type WasmActivationCode } from '../../../ops/activations.js';
import { addTo, end, get, load, locals, set, store, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import { setSigmoidConstants, sigmoidConstantLocals, sigmoidConstantNames, sigmoidInPlace, sigmoidScratch } from '../codegen/simd_math.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { compileSimd, heapOf, offsetOf, type WasmBackendInternals, type WasmModuleObject } from '../memory.js';
import { runSplit } from '../split_run.js';

/** Below this many floats tfjs's Sigmoid is as fast. */
const minElements = 4096;
/** A sigmoid costs about as much as this many multiply-adds per float (what runSplit weighs against a hand-over). */
const sigmoidWork = 6;

/**
 * sigmoid(x, end, out): out = σ(x), 32 bytes at a time: two independent vectors per iteration overlap their
 * long dependency chains (1.4 against 2.1 ms over LeNet's [256, 28, 28, 6] on one thread).
 */
export function sigmoidBody(module: WasmModuleObject): Code {
  const [X, END, OUT] = [0, 1, 2];
  const vector = (k: number) => 3 + k * (1 + sigmoidScratch);
  const constants = vector(2);
  const ks = [0, 1];
  const vectorNames = ks.flatMap((k) => [`v${k}`, ...[...Array(sigmoidScratch).keys()].map((j) => `v${k}_scratch${j}`)]);
  return withLocalNames(['x', 'end', 'out', ...vectorNames, ...sigmoidConstantNames], [
    ...locals(0, 2 * (1 + sigmoidScratch) + sigmoidConstantLocals),
    ...setSigmoidConstants(module, constants),
    ...whileBelow(X, END, [
      ...ks.flatMap((k) => [...get(X), ...load(16 * k), ...set(vector(k))]),
      ...ks.flatMap((k) => sigmoidInPlace(vector(k), vector(k) + 1, constants)),
      ...ks.flatMap((k) => [...get(OUT), ...get(vector(k)), ...store(16 * k)]),
      ...addTo(X, 32), ...addTo(OUT, 32),
    ]),
    ...end,
  ]);
}

/** activationGrad(dy, end, y, out): out = dy · act′, from the activation's output y (the activation table's wasm `gradient`). */
export function activationGradBody(code: WasmActivationCode): Code {
  const [DY, END, Y, OUT, V] = [0, 1, 2, 3, 4];
  return withLocalNames(['dy', 'end', 'y', 'out', 'v'], [
    ...locals(0, 1),
    ...whileBelow(DY, END, [...get(OUT), ...get(DY), ...load(0), ...code.gradient([...get(Y), ...load(0)], V), ...store(0), ...addTo(DY, 16), ...addTo(Y, 16), ...addTo(OUT, 16)]),
    ...end,
  ]);
}

/** The wasm code of an activation the direct convs take (the plan fuses only those). */
export function wasmCodeOf(activation: string): WasmActivationCode {
  const code = activationTable[activation as ActivationName]?.direct?.wasm;
  if (!code) throw new Error(`netc's wasm direct convs have no code for the activation '${activation}'`);
  return code;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Runs an elementwise function over the whole steps (of `step` floats) in `size` floats, split between
 * threads; returns the first float left for JavaScript.
 */
function elementwise(backend: WasmBackendInternals, key: string, params: number, body: () => Code, size: number, pointers: number[], workPerFloat: number, step = 4): number {
  const code = compileSimd(backend.wasm, key, params, body);
  if (!code) throw new Error(`${key} on wasm: the backend memory is not reachable`);
  const steps = Math.floor(size / step);
  const bytes = 4 * step;
  // (first, end, rest…): the first pointer's range is [first + bytes·from, first + bytes·to); the others follow.
  runSplit(backend, code, steps, size * workPerFloat, (from, to) => {
    const [first, ...rest] = pointers.map((p) => p + bytes * from);
    return [first, pointers[0] + bytes * to, ...rest];
  });
  return steps * step;
}

/** tfjs's Sigmoid (float32, large) on netc's SIMD code; the rest, and the last floats, as before. */
const sigmoid = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const size = sizeOf(x.shape);
  if (x.dtype !== 'float32' || size < minElements) return original(args);
  const backend = args.backend as unknown as WasmBackendInternals;
  const out = backend.makeOutput(x.shape, 'float32');
  const [from, to] = [offsetOf(backend, x), offsetOf(backend, out)];
  const done = elementwise(backend, 'Sigmoid', 3, () => sigmoidBody(backend.wasm), size, [from, to], sigmoidWork, 8);
  const heap = heapOf(backend);
  for (let i = done; i < size; i++) heap[to / 4 + i] = 1 / (1 + Math.exp(-heap[from / 4 + i]));
  return out;
};

/** NetcActivationGrad: dy · act′(y) for the direct convs' gradient, from the activation's output y. */
const activationGrad: tf.KernelFunc = (args) => {
  const { dy, y } = args.inputs as Record<'dy' | 'y', tf.TensorInfo>;
  const { activation } = args.attrs as unknown as { activation: string };
  const code = wasmCodeOf(activation);
  const backend = args.backend as unknown as WasmBackendInternals;
  const size = sizeOf(dy.shape);
  const out = backend.makeOutput(dy.shape, 'float32');
  const [d, v, o] = [offsetOf(backend, dy), offsetOf(backend, y), offsetOf(backend, out)];
  const done = elementwise(backend, `activationGrad ${activation}`, 4, () => activationGradBody(code), size, [d, v, o], 1);
  const heap = heapOf(backend);
  for (let i = done; i < size; i++) heap[o / 4 + i] = code.gradientOf(heap[d / 4 + i], heap[v / 4 + i]);
  return out;
};

export const activationKernels: WasmKernelConfig[] = [
  { kernelName: 'Sigmoid', wrap: sigmoid },
  { kernelName: 'NetcActivationGrad', kernelFunc: activationGrad },
];
