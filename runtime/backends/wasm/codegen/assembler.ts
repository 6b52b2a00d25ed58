// The bytes of the small WebAssembly SIMD modules netc writes itself: integers (LEB128), instructions as
// named helpers over the opcode table (opcodes.ts), structured control, and a module of one exported
// function over an imported memory. Instructions are arrays of bytes that the kernel files splice together;
// this file knows the encoding, they know the math. (Running a module on tfjs's memory: ../memory.ts.)
import { align4, ExternalKind, Limits, MiscOp, moduleHeader, Op, Section, SimdOp, Type } from './opcodes.js';

export type Code = number[];
/** A function body that also names its locals, for the WAT dump (the name section is left out at run time). */
export type NamedCode = Code & { localNames?: string[] };

/** Names a body's locals (parameters first, in index order), for the WAT dump; the bytes are unchanged. */
export function withLocalNames(localNames: string[], body: Code): NamedCode {
  return Object.defineProperty(body, 'localNames', { value: localNames, enumerable: false });
}

/** unsigned LEB128 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** signed LEB128 */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const utf8 = new TextEncoder();
/** A name's UTF-8 bytes with their length (TextEncoder, not Buffer: the page assembles these modules too). */
const name = (s: string) => {
  const bytes = utf8.encode(s);
  return [...uleb(bytes.length), ...bytes];
};
const simd = (op: number) => [Op.simdPrefix, ...uleb(op)];
/** A memory instruction's immediates: alignment (4 bytes) and a constant byte offset. */
const memarg = (offset: number) => [align4, ...uleb(offset)];

// Locals and integers
export const get = (i: number): Code => [Op.localGet, ...uleb(i)];
export const set = (i: number): Code => [Op.localSet, ...uleb(i)];
export const i32 = (n: number): Code => [Op.i32Const, ...sleb(n)];
export const i32Add = [Op.i32Add];
export const i32Sub = [Op.i32Sub];
export const i32Mul = [Op.i32Mul];
export const i32RemU = [Op.i32RemU];
export const i32Eqz = [Op.i32Eqz];
export const i32LtS = [Op.i32LtS];
export const i32LtU = [Op.i32LtU];
export const i32And = [Op.i32And];
export const i32GtS = [Op.i32GtS];
/** Pops a, b, condition: a where the condition is non-zero, else b. */
export const select = [Op.select];
export const drop = [Op.drop];
/** local[i] += n */
export const addTo = (i: number, n: number): Code => (n === 0 ? [] : [...get(i), ...i32(n), ...i32Add, ...set(i)]);
/** Declares locals: `i32s` of type i32, then `v128s` of type v128 (both zero-initialised). */
export const locals = (i32s: number, v128s = 0): Code => {
  const groups = [i32s > 0 ? [...uleb(i32s), Type.i32] : [], v128s > 0 ? [...uleb(v128s), Type.v128] : []].filter((g) => g.length > 0);
  return [...uleb(groups.length), ...groups.flat()];
};

// Control
/** while (local[counter] < local[limit], unsigned) { body } — the caller advances the counter inside `body`. */
export const whileBelow = (counter: number, limit: number, body: Code): Code => [
  Op.block, Type.emptyBlock, Op.loop, Type.emptyBlock,
  ...get(counter), ...get(limit), Op.i32GeU, Op.brIf, 1, // counter >= limit: break out of the block
  ...body,
  Op.br, 0, Op.end, Op.end, // continue; end loop; end block
];
/** if (the i32 on the stack) { body } */
export const ifThen = (body: Code): Code => [Op.if, Type.emptyBlock, ...body, Op.end];
export const end = [Op.end];

// Memory: offsets are constant byte offsets added to the address on the stack.
export const load = (offset: number): Code => [...simd(SimdOp.v128Load), ...memarg(offset)];
export const store = (offset: number): Code => [...simd(SimdOp.v128Store), ...memarg(offset)];
export const loadSplat = (offset: number): Code => [...simd(SimdOp.v128Load32Splat), ...memarg(offset)];
export const f32Load = (offset: number): Code => [Op.f32Load, ...memarg(offset)];
export const f32Store = (offset: number): Code => [Op.f32Store, ...memarg(offset)];
export const i32Load = (offset: number): Code => [Op.i32Load, ...memarg(offset)];
export const i32Store = (offset: number): Code => [Op.i32Store, ...memarg(offset)];
/** memory.copy(dest, src, bytes) and memory.fill(dest, value, bytes), over memory 0. */
export const memoryCopy = [Op.miscPrefix, MiscOp.memoryCopy, 0, 0];
export const memoryFill = [Op.miscPrefix, MiscOp.memoryFill, 0];

/**
 * Pushes a vector of `lanes` (1–4) floats read at address `at` + `offset`, the rest zero, never touching memory
 * past them: the last channels of a pixel whose channel count is not a multiple of 4.
 */
export function loadLanes(at: Code, offset: number, lanes: number): Code {
  if (lanes === 4) return [...at, ...load(offset)];
  if (lanes === 1) return [...at, ...simd(SimdOp.v128Load32Zero), ...memarg(offset)];
  const low = [...simd(SimdOp.v128Load64Zero), ...memarg(offset)];
  if (lanes === 2) return [...at, ...low];
  return [...at, ...at, ...low, ...simd(SimdOp.v128Load32Lane), ...memarg(offset + 8), 2]; // the third float into lane 2
}

/** Stores the first `lanes` (1–4) floats of vector local `v` at address `at` + `offset`, and nothing past them. */
export function storeLanes(at: Code, offset: number, v: number, lanes: number): Code {
  if (lanes === 4) return [...at, ...get(v), ...store(offset)];
  if (lanes === 1) return [...at, ...get(v), ...simd(SimdOp.v128Store32Lane), ...memarg(offset), 0];
  const low = [...at, ...get(v), ...simd(SimdOp.v128Store64Lane), ...memarg(offset), 0];
  if (lanes === 2) return low;
  return [...low, ...at, ...get(v), ...simd(SimdOp.v128Store32Lane), ...memarg(offset + 8), 2];
}

// f32x4 arithmetic
export const f32x4Add = simd(SimdOp.f32x4Add);
export const f32x4Sub = simd(SimdOp.f32x4Sub);
export const f32x4Mul = simd(SimdOp.f32x4Mul);
export const f32x4Div = simd(SimdOp.f32x4Div);
export const f32x4Min = simd(SimdOp.f32x4Min);
export const f32x4Max = simd(SimdOp.f32x4Max);
export const f32x4Gt = simd(SimdOp.f32x4Gt);
export const f32x4Splat = simd(SimdOp.f32x4Splat);
export const v128And = simd(SimdOp.v128And);
/** a & ~b */
export const v128AndNot = simd(SimdOp.v128AndNot);
export const v128Or = simd(SimdOp.v128Or);
export const f32x4Eq = simd(SimdOp.f32x4Eq);
export const i32x4Shl = simd(SimdOp.i32x4Shl);
export const f32Const = (v: number): Code => [Op.f32Const, ...new Uint8Array(new Float32Array([v]).buffer)];
export const f32Mul = [Op.f32Mul];
/** v128.const 0 */
export const zeroVector = [...simd(SimdOp.v128Const), ...Array(16).fill(0)];
const relaxedMadd = simd(SimdOp.f32x4RelaxedMadd);

/** The custom "name" section: the function's name and its locals' names (read by wabt for the WAT dump). */
function nameSection(functionName: string, localNames: string[]): number[] {
  const [functionNames, localNamesId] = [1, 2];
  const subsection = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const names = localNames.map((n, i) => [...uleb(i), ...name(n)]);
  return section(Section.custom, [
    ...name('name'),
    ...subsection(functionNames, vec([[0, ...name(functionName)]])),
    ...subsection(localNamesId, vec([[0, ...vec(names)]])),
  ]);
}

/**
 * The bytes of a module of one exported function `f` of `params` i32 parameters, over the imported memory;
 * with `names` (the WAT dump), a name section from the body's local names too.
 */
export function moduleBytes(shared: boolean, maxPages: number, params: number, body: NamedCode, names = false): Uint8Array<ArrayBuffer> {
  const limits = shared ? [Limits.sharedWithMax, ...uleb(1), ...uleb(maxPages)] : [Limits.minOnly, ...uleb(1)];
  const noResults = 0;
  return new Uint8Array([
    ...moduleHeader,
    ...section(Section.type, vec([[Type.func, params, ...Array(params).fill(Type.i32), noResults]])),
    ...section(Section.import, vec([[...name('env'), ...name('memory'), ExternalKind.memory, ...limits]])),
    ...section(Section.function, vec([[0]])), // function 0 has type 0
    ...section(Section.export, vec([[...name('f'), ExternalKind.func, 0]])),
    ...section(Section.code, vec([[...uleb(body.length), ...body]])),
    ...(names && body.localNames ? nameSection('f', body.localNames) : []),
  ]);
}

let fusedMultiplyAdd: boolean | undefined;

/**
 * Whether this engine takes relaxed SIMD's fused multiply-add (on by default from Chrome 114 / Node 22; Node
 * 20 needs V8's flag, which wasm/node.ts sets). Without it a multiply-add is two instructions.
 */
export function hasFusedMultiplyAdd(): boolean {
  if (fusedMultiplyAdd === undefined) {
    const body = [...locals(0), ...zeroVector, ...zeroVector, ...zeroVector, ...relaxedMadd, ...drop, ...end];
    fusedMultiplyAdd = WebAssembly.validate(moduleBytes(false, 1, 0, body));
  }
  return fusedMultiplyAdd;
}

/** Pushes a·b + c, each operand given as the code that pushes it. */
export const multiplyAdd = (a: Code, b: Code, c: Code): Code =>
  hasFusedMultiplyAdd() ? [...a, ...b, ...c, ...relaxedMadd] : [...a, ...b, ...f32x4Mul, ...c, ...f32x4Add];
