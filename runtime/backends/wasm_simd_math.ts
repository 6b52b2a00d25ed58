// Vector math WebAssembly has no instruction for, as code over f32x4 locals: the logistic sigmoid, built on
// e = exp(−|x|) with the usual range reduction — −|x| = n·ln 2 + t, |t| ≤ ln 2 / 2, e = 2^n · e^t, e^t by a
// degree-6 Taylor polynomial (relative error below 3e-7) and 2^n assembled in the exponent bits — so
// σ(x) = e / (1 + e) for x ≤ 0 and 1 − that for x > 0, never overflowing.
import { f32x4Add, f32x4Mul, get, i32, load, memoryOf, multiplyAdd, set, uleb, zeroVector, type WasmModuleObject } from './wasm_assembler.js';

const simd = (op: number) => [0xfd, ...uleb(op)];
const f32x4Abs = simd(0xe0);
const f32x4Neg = simd(0xe1);
const f32x4Sub = simd(0xe5);
const f32x4Div = simd(0xe7);
const f32x4Gt = simd(0x44);
const f32x4Le = simd(0x45);
const v128And = simd(0x4e);
const i32x4Shl = simd(0xab);
const bitselect = simd(0x52);

/** v128.const of four equal floats (or, with `int`, four equal int32s). */
export function splatConst(value: number, int = false): number[] {
  const lanes = int ? new Int32Array(4).fill(value) : new Float32Array(4).fill(value);
  return [0xfd, 0x0c, ...new Uint8Array(lanes.buffer)];
}

const log2e = 1.4426950408889634;
const ln2High = 0.693145751953125; // ln 2 split so n · ln2High is exact for |n| < 2^11
const ln2Low = 1.428606765330187e-6;
/** exp(−87) is still a normal float; beyond, σ(−z) is taken as 0 (σ(z) as 1). */
const largest = 87;
/** 1.5 · 2^23 + 127: adding it to a float of magnitude < 2^22 rounds it to an integer held in the low mantissa bits, biased by 127. */
const magic = 12582912 + 127;
const taylor = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720];

/** Scratch v128 locals sigmoidInPlace needs. */
export const sigmoidScratch = 4;

const constants = [-log2e, magic, -ln2High, -ln2Low, ...taylor.slice(2), 1, largest];
/** v128 locals holding sigmoid's constants. */
export const sigmoidConstantLocals = constants.length;
const tables = new WeakMap<WasmModuleObject, number>();

/**
 * Code loading sigmoid's constants into v128 locals first … first + sigmoidConstantLocals − 1, before a loop.
 * They are read from a table in memory: V8 turns a v128.const into 3 instructions and repeats them wherever
 * the value is used, even from a local set once, which made the loop twice as long.
 */
export function setSigmoidConstants(module: WasmModuleObject, first: number): number[] {
  let table = tables.get(module);
  if (table === undefined) {
    table = module._malloc(16 * constants.length);
    const heap = new Float32Array(memoryOf(module)!.buffer);
    constants.forEach((c, i) => heap.fill(c, table! / 4 + 4 * i, table! / 4 + 4 * i + 4));
    tables.set(module, table);
  }
  return constants.flatMap((_, i) => [...i32(table! + 16 * i), ...load(0), ...set(first + i)]);
}

/**
 * local[v] = σ(local[v]), using v128 locals scratch … scratch + 3 and the constants set by setSigmoidConstants
 * at `k`. Rounding −z·log2 e to an integer n and building 2^n both come from one addition of `magic`
 * (XNNPACK's trick): the sum's low mantissa bits are n + 127, which shifted into the exponent field give 2^n.
 */
export function sigmoidInPlace(v: number, scratch: number, k: number): number[] {
  const [Z, N, T, P] = [scratch, scratch + 1, scratch + 2, scratch + 3];
  const c = (value: number) => get(k + constants.indexOf(value));
  const polynomial = taylor
    .slice(0, -1)
    .reverse()
    .flatMap((coefficient) => [...multiplyAdd(get(P), get(T), c(coefficient)), ...set(P)]);
  return [
    ...get(v), ...f32x4Abs, ...set(Z), // z = |x|
    ...multiplyAdd(get(Z), c(-log2e), c(magic)), ...set(N), // magic + round(−z · log2 e)
    ...get(N), 0x41, 23, ...i32x4Shl, ...set(P), // 2^n, held in P until the polynomial needs it
    ...get(N), ...c(magic), ...f32x4Sub, ...set(N), // n
    ...multiplyAdd(get(N), c(-ln2High), [...get(Z), ...f32x4Neg]), ...set(T), // t = −z − n ln 2
    ...multiplyAdd(get(N), c(-ln2Low), get(T)), ...set(T),
    ...get(P), ...set(N), // N = 2^n
    ...c(taylor[taylor.length - 1]), ...set(P),
    ...polynomial, // p = e^t
    ...get(P), ...get(N), ...f32x4Mul, ...set(P), // e = exp(−z)
    ...get(P), ...get(P), ...c(1), ...f32x4Add, ...f32x4Div, // e / (1 + e) = σ(−z)
    ...get(Z), ...c(largest), ...f32x4Le, ...v128And, ...set(P), // 0 past exp's range
    ...c(1), ...get(P), ...f32x4Sub, ...get(P), // 1 − f, f
    ...get(v), ...zeroVector, ...f32x4Gt, ...bitselect, ...set(v), // x > 0 ? 1 − f : f
  ];
}
