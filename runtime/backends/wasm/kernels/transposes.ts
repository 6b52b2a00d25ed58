// Transposes for the wasm backend on netc's code, where tfjs-backend-wasm's is a general loop (4.2 ms for a
// filter gradient's [256, 28, 28, 6]): [A, B, C] -> [B, A, C] (a filter gradient's operands), C-element
// blocks copied whole (~1 ms), and per-image [A, B] -> [B, A] (NHWC ↔ NCHW: a flatten in PyTorch's order and
// its gradient), every element's offsets constant in the code. Other transposes go to tfjs's kernel.
import type * as tf from '../../../tfjs.js';
import { addTo, end, f32Load, f32Store, get, i32, i32Add, i32Load, i32Mul, i32Store, load, locals, set, store, whileBelow, withLocalNames, type Code } from '../codegen/assembler.js';
import type { WasmKernelConfig } from '../kernel_config.js';
import { compileSimd, offsetOf, simdFunction, type WasmBackendInternals } from '../memory.js';
import { runSplit } from '../split_run.js';
import { maxVectors } from './channel_rows.js';

/**
 * swap(src, dst, A, B): [A, B, C] -> [B, A, C] for 4-byte elements, C (`block`) fixed: each block of C
 * elements is copied 16 bytes at a time, then 4 (unaligned loads and stores are allowed in wasm).
 */
export function swapBody(block: number): Code {
  const [SRC, DST, A, B, I, J, S, D, STRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const bytes = 4 * block;
  const copies = [...Array(Math.floor(block / 4)).keys()].flatMap((v) => [...get(D), ...get(S), ...load(16 * v), ...store(16 * v)]);
  const tail = [...Array(block % 4).keys()].flatMap((k) => {
    const offset = 16 * Math.floor(block / 4) + 4 * k;
    return [...get(D), ...get(S), ...f32Load(offset), ...f32Store(offset)];
  });
  return withLocalNames(['src', 'dst', 'a', 'b', 'i', 'j', 's', 'd', 'stride'], [
    ...locals(5), // i, j, s, d, stride
    ...get(B), ...i32(bytes), ...i32Mul, ...set(STRIDE), // stride = B · block bytes
    ...get(DST), ...set(D),
    ...i32(0), ...set(J),
    ...whileBelow(J, B, [
      ...get(SRC), ...get(J), ...i32(bytes), ...i32Mul, ...i32Add, ...set(S), // s = src + j · block bytes
      ...i32(0), ...set(I),
      ...whileBelow(I, A, [
        ...copies, ...tail,
        ...get(S), ...get(STRIDE), ...i32Add, ...set(S),
        ...addTo(D, bytes),
        ...addTo(I, 1),
      ]),
      ...addTo(J, 1),
    ]),
    ...end,
  ]);
}

/** transposeImages(src, dst, n): each of n [A, B] blocks of 4-byte elements becomes [B, A]. */
export function transposeImagesBody(a: number, b: number): Code {
  const [SRC, DST, N, I] = [0, 1, 2, 3];
  const moves = [...Array(a * b).keys()].flatMap((k) => {
    const [i, j] = [Math.floor(k / b), k % b];
    return [...get(DST), ...get(SRC), ...i32Load(4 * k), ...i32Store(4 * (j * a + i))];
  });
  return withLocalNames(['src', 'dst', 'n', 'i'], [
    ...locals(1),
    ...whileBelow(I, N, [...moves, ...addTo(SRC, 4 * a * b), ...addTo(DST, 4 * a * b), ...addTo(I, 1)]),
    ...end,
  ]);
}

/** Largest [A, B] block transposeImages unrolls (LeNet's flatten: 25 × 16). */
const maxImageElements = 4096;

/** n blocks [A, B] -> [B, A] of 4-byte elements at byte offsets `src` and `dst`. */
export function transposeImages(backend: WasmBackendInternals, src: number, dst: number, n: number, a: number, b: number): boolean {
  if (a * b > maxImageElements || src % 4 !== 0 || dst % 4 !== 0) return false;
  const code = compileSimd(backend.wasm, `transposeImages${a},${b}`, 3, () => transposeImagesBody(a, b));
  if (!code) return false;
  runSplit(backend, code, n, n * a * b, (n0, n1) => [src + 4 * a * b * n0, dst + 4 * a * b * n0, n1 - n0]);
  return true;
}

/** [A, B, C] -> [B, A, C] of 4-byte elements at byte offsets `src` and `dst` (C at most 64). */
export function swapLeadingAxes(backend: WasmBackendInternals, src: number, dst: number, a: number, b: number, c: number): boolean {
  const f = c <= maxVectors && src % 4 === 0 && dst % 4 === 0 ? simdFunction(backend.wasm, `swap${c}`, 4, () => swapBody(c)) : undefined;
  if (!f) return false;
  f(src, dst, a, b);
  return true;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** Below this many elements the original kernel wins. */
const minElements = 16_384;

/**
 * A transpose that keeps the first axis and moves the last one to second place or the second to last
 * ([0, 3, 1, 2]: NHWC -> NCHW, [0, 2, 3, 1]: back): per image an [A, B] -> [B, A] transpose, as [A, B].
 */
function imageTranspose(shape: number[], perm: number[]): [number, number] | undefined {
  const r = shape.length;
  if (r < 3 || perm[0] !== 0) return undefined;
  const rest = perm.slice(1);
  const inOrder = (axes: number[], first: number) => axes.every((a, i) => a === first + i);
  if (rest[0] === r - 1 && inOrder(rest.slice(1), 1)) return [sizeOf(shape.slice(1, -1)), shape[r - 1]];
  if (rest[r - 2] === 1 && inOrder(rest.slice(0, -1), 2)) return [shape[1], sizeOf(shape.slice(2))];
  return undefined;
}

/**
 * A transpose that keeps the last axis and swaps two runs of the others, e.g. [1, 2, 0, 3]: as [A, B, C] ->
 * [B, A, C], the sizes, or undefined.
 */
function blockSwap(shape: number[], perm: number[]): [number, number, number] | undefined {
  const r = shape.length;
  if (r < 3 || perm[r - 1] !== r - 1) return undefined;
  const k = perm[0]; // the first axis of the second run
  if (k === 0 || !perm.slice(0, r - 1).every((p, i) => p === (i < r - 1 - k ? k + i : i - (r - 1 - k)))) return undefined;
  const a = sizeOf(shape.slice(0, k));
  const b = sizeOf(shape.slice(k, r - 1));
  return [a, b, shape[r - 1]];
}

const transpose = (original: tf.KernelFunc): tf.KernelFunc => (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  const perm = (args.attrs as { perm: number[] }).perm;
  const fourBytes = x.dtype === 'float32' || x.dtype === 'int32';
  const sizes = fourBytes ? blockSwap(x.shape, perm) : undefined;
  const image = fourBytes && !sizes ? imageTranspose(x.shape, perm) : undefined;
  if ((!sizes && !image) || sizeOf(x.shape) < minElements) return original(args);
  const backend = args.backend as unknown as WasmBackendInternals;
  const out = backend.makeOutput(perm.map((p) => x.shape[p]), x.dtype);
  const [from, to] = [offsetOf(backend, x), offsetOf(backend, out)];
  if (sizes ? swapLeadingAxes(backend, from, to, ...sizes) : transposeImages(backend, from, to, x.shape[0], ...image!)) return out;
  (backend as unknown as tf.KernelBackend).disposeData(out.dataId);
  return original(args);
};

export const transposeKernels: WasmKernelConfig[] = [{ kernelName: 'Transpose', wrap: transpose }];
