// WebAssembly's binary encodings by name, for the instructions, types and sections netc's generated modules
// use (numbers from the spec's binary format; the style of V8's wasm-module-builder.js, kOpcode constants).
// The assembler (assembler.ts) is the only file that turns these into bytes; kernels speak in its helpers.

/** Single-byte instructions. */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  f32Load: 0x2a,
  i32Store: 0x36,
  f32Store: 0x38,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32RemU: 0x70,
  i32And: 0x71,
  f32Mul: 0x94,
  /** Prefix of the bulk-memory instructions (MiscOp). */
  miscPrefix: 0xfc,
  /** Prefix of the SIMD instructions (SimdOp), each followed by its LEB128 number. */
  simdPrefix: 0xfd,
} as const;

/** Instructions after the 0xfc prefix. */
export const MiscOp = {
  memoryCopy: 0x0a,
  memoryFill: 0x0b,
} as const;

/** SIMD instructions after the 0xfd prefix (encoded as unsigned LEB128: relaxed_madd takes two bytes). */
export const SimdOp = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Store: 0x0b,
  v128Const: 0x0c,
  f32x4Splat: 0x13,
  f32x4Eq: 0x41,
  f32x4Gt: 0x44,
  v128And: 0x4e,
  v128AndNot: 0x4f,
  v128Or: 0x50,
  v128Load32Lane: 0x56,
  v128Store32Lane: 0x5a,
  v128Store64Lane: 0x5b,
  v128Load32Zero: 0x5c,
  v128Load64Zero: 0x5d,
  i32x4Shl: 0xab,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f32x4Min: 0xe8,
  f32x4Max: 0xe9,
  /** Relaxed SIMD: a·b + c, one fused multiply-add where the CPU has it. */
  f32x4RelaxedMadd: 0x105,
} as const;

/** Value and block types. */
export const Type = {
  i32: 0x7f,
  v128: 0x7b,
  /** A block that takes and leaves nothing on the stack. */
  emptyBlock: 0x40,
  func: 0x60,
} as const;

/** Module sections, import and export kinds, memory limits. */
export const Section = { custom: 0, type: 1, import: 2, function: 3, export: 7, code: 10 } as const;
export const ExternalKind = { func: 0x00, memory: 0x02 } as const;
export const Limits = { minOnly: 0x00, sharedWithMax: 0x03 } as const;
/** "\0asm" and version 1. */
export const moduleHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] as const;

/** Memory alignment hints (log2 of bytes): netc's loads promise 4-byte alignment. */
export const align4 = 2;
