// Vector math WebAssembly has no instruction for, as code over f32x4 locals: the logistic sigmoid
// σ(x) = 1 / (1 + exp(−x)), with exp by the usual range reduction — −x = n·ln 2 + t, |t| ≤ ln 2 / 2,
// exp(−x) = 2^n · e^t, e^t by a degree-5 polynomial and 2^n assembled in the exponent bits — and x clamped
// to ±87 so nothing overflows (within 3e-7 of the exact value).
import { f32x4Add, f32x4Div, f32x4Max, f32x4Min, f32x4Mul, f32x4Sub, get, i32, i32x4Shl, load, multiplyAdd, set, type Code } from './assembler.js';
import { memoryOf, type WasmModuleObject } from '../memory.js';

const log2e = 1.4426950408889634;
const ln2High = 0.693145751953125; // ln 2 split so n · ln2High is exact for |n| < 2^11
const ln2Low = 1.428606765330187e-6;
/** σ saturates here: exp(±87) and 1 + exp(87) stay normal floats, and 2^n below stays a normal power. */
const largest = 87;
/** 1.5 · 2^23 + 127: adding it to a float of magnitude < 2^22 rounds it to an integer held in the low mantissa bits, biased by 127. */
const magic = 12582912 + 127;
/**
 * e^t ≈ Σ c_k t^k on |t| ≤ ln 2 / 2 (relative error 1.4e-7; fitted by netc for relative minimax, float
 * coefficients). Used at t = −r, so the odd ones change sign.
 */
const expCoefficients = [1.0000001192092896, 0.9999997019767761, 0.49998894333839417, 0.16667574644088745, 0.04191538318991661, 0.008297654800117016];
const polynomial = expCoefficients.map((c, k) => (k % 2 === 1 ? -c : c));

/** Scratch v128 locals sigmoidInPlace needs. */
export const sigmoidScratch = 3;

const constants = [largest, -largest, -log2e, magic, ln2High, ln2Low, ...polynomial];
/** v128 locals holding sigmoid's constants, and their names (for the WAT dump). */
export const sigmoidConstantLocals = constants.length;
export const sigmoidConstantNames = ['largest', 'smallest', 'minusLog2e', 'magic', 'ln2High', 'ln2Low', ...polynomial.map((_, k) => `poly${k}`)];
const tables = new WeakMap<WasmModuleObject, number>();

/**
 * Code loading sigmoid's constants into v128 locals first … first + sigmoidConstantLocals − 1, before a loop.
 * They are read from a table in memory: V8 turns a v128.const into 3 instructions and repeats them wherever
 * the value is used, even from a local set once, which made the loop twice as long.
 */
export function setSigmoidConstants(module: WasmModuleObject, first: number): Code {
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
 * local[v] = σ(local[v]) = 1 / (1 + exp(−w)), w = x clamped to ±87, using v128 locals scratch … scratch + 2
 * and the constants set by setSigmoidConstants at `k`. exp(−w) = 2^n · e^(−r) with n = round(−w·log2 e) and
 * r = w + n·ln 2; rounding n and building 2^n both come from one addition of `magic` (XNNPACK's trick): the
 * sum's low mantissa bits are n + 127, which shifted into the exponent field give 2^n.
 */
export function sigmoidInPlace(v: number, scratch: number, k: number): Code {
  const [N, R, P] = [scratch, scratch + 1, scratch + 2];
  const c = (index: number) => get(k + index);
  const [LARGEST, SMALLEST, MINUS_LOG2E, MAGIC, LN2_HIGH, LN2_LOW, POLY] = [0, 1, 2, 3, 4, 5, 6];
  const horner = polynomial
    .slice(0, -1)
    .map((_, i) => polynomial.length - 2 - i)
    .flatMap((i) => [...multiplyAdd(get(P), get(R), c(POLY + i)), ...set(P)]);
  return [
    ...get(v), ...c(SMALLEST), ...f32x4Max, ...c(LARGEST), ...f32x4Min, ...set(v), // w
    ...multiplyAdd(get(v), c(MINUS_LOG2E), c(MAGIC)), ...set(N), // magic + round(−w · log2 e)
    ...get(N), ...i32(23), ...i32x4Shl, ...set(P), // 2^n, held in P until the polynomial needs it
    ...get(N), ...c(MAGIC), ...f32x4Sub, ...set(N), // n
    ...multiplyAdd(get(N), c(LN2_HIGH), get(v)), ...set(R), // r = w + n ln 2
    ...multiplyAdd(get(N), c(LN2_LOW), get(R)), ...set(R),
    ...get(P), ...set(N), // N = 2^n
    ...c(POLY + polynomial.length - 1), ...set(P),
    ...horner, // p = e^(−r)
    ...c(POLY), ...get(P), ...get(N), ...f32x4Mul, ...c(POLY), ...f32x4Add, ...f32x4Div, ...set(v), // 1 / (1 + 2^n p)
  ];
}
