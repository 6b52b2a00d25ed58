// The activation table: one entry per elementwise activation, keyed by its layer name, holding everything
// the runtime knows about it — its plain tfjs lowering, whether tfjs fuses it into tf.fused.conv2d/matMul
// (and differentiates it there), and the code netc's direct-conv kernels apply it with (WGSL, wasm SIMD).
// The lowering plan, the op lowerings and both backends' kernels read this table; no other file lists
// activations, so adding one is one entry here (and its layer in compiler/ops/act.ts).
import * as tf from '../tfjs.js';
import { f32Const, f32x4Gt, f32x4Max, f32x4Min, f32x4Mul, f32x4Splat, f32x4Sub, get, set, v128And, zeroVector, type Code } from '../backends/wasm/codegen/assembler.js';
import { elu, gelu, hardsigmoid, hardswish, mish, silu } from './activation_functions.js';
import { setSigmoidConstants, sigmoidConstantLocals, sigmoidInPlace, sigmoidScratch } from '../backends/wasm/codegen/simd_math.js';
import type { WasmModuleObject } from '../backends/wasm/memory.js';

/** f32x4(6, 6, 6, 6) on the stack, relu6's ceiling. */
const six: Code = [...f32Const(6), ...f32x4Splat];

/** How netc's wasm direct convs apply an activation in SIMD code, over f32x4 locals. */
export interface WasmActivationCode {
  /** Scratch v128 locals `apply` needs. */
  scratchLocals: number;
  /** v128 locals holding constants, set once before the loops by `setConstants`. */
  constantLocals: number;
  /** Code that loads the constants into locals first … first + constantLocals − 1. */
  setConstants?: (module: WasmModuleObject, first: number) => Code;
  /** local[v] = act(local[v]), using scratch locals from `scratch` and the constants from `constants`. */
  apply: (v: number, scratch: number, constants: number) => Code;
  /** With dy on the stack, leaves dy · act′, act′ from the activation's output (pushed by `y`); one scratch local. */
  gradient: (y: Code, scratch: number) => Code;
  /** The same as `gradient` for one float (the floats past whole vectors). */
  gradientOf: (dy: number, y: number) => number;
}

/** What netc's direct-conv kernels (runtime/backends/direct_conv.ts) need to put an activation inside. */
export interface DirectActivationCode {
  /** WGSL: act(v) for a vec4<f32> expression v. */
  wgsl: (v: string) => string;
  /** WGSL: act′ from the output y, an expression of type `t` (f32 or vec4<f32>). */
  wgslDerivative: (y: string, t: string) => string;
  /** wasm SIMD; an activation without it is not fused into wasm direct convs. */
  wasm?: WasmActivationCode;
}

export interface Activation {
  /** The plain lowering: act(x), with the layer's attributes. */
  lower: (x: tf.Tensor, attrs: Record<string, unknown>) => tf.Tensor;
  /**
   * tfjs's name for it in tf.fused.conv2d/matMul, where tfjs fuses it; `differentiable`: tfjs has its gradient
   * there; `alpha`: the constant tfjs takes beside the name (leakyrelu's slope); `fits`: false for attributes
   * tfjs's fused form cannot express (its elu has α = 1).
   */
  tfjsFused?: { name: tf.fused.Activation; differentiable: boolean; alpha?: (attrs: Record<string, unknown>) => number; fits?: (attrs: Record<string, unknown>) => boolean };
  /** Present where netc's direct convs apply it in their kernels. */
  direct?: DirectActivationCode;
}

const table = {
  relu: {
    lower: (x) => tf.relu(x),
    tfjsFused: { name: 'relu', differentiable: true },
    direct: {
      wgsl: (v) => `max(${v}, vec4<f32>(0.0))`,
      wgslDerivative: (y, t) => `select(${t}(0.0), ${t}(1.0), ${y} > ${t}(0.0))`,
      wasm: {
        scratchLocals: 0,
        constantLocals: 0,
        apply: (v) => [...get(v), ...zeroVector, ...f32x4Max, ...set(v)],
        gradient: (y) => [...y, ...zeroVector, ...f32x4Gt, ...v128And], // dy where y > 0, else +0
        gradientOf: (dy, y) => (y > 0 ? dy : 0),
      },
    },
  },
  sigmoid: {
    lower: (x) => tf.sigmoid(x),
    tfjsFused: { name: 'sigmoid', differentiable: false },
    direct: {
      wgsl: (v) => `1.0 / (1.0 + exp(-${v}))`,
      wgslDerivative: (y, t) => `${y} * (${t}(1.0) - ${y})`,
      wasm: {
        scratchLocals: sigmoidScratch,
        constantLocals: sigmoidConstantLocals,
        setConstants: setSigmoidConstants,
        apply: sigmoidInPlace,
        // dy · (y − y²)
        gradient: (y, v) => [...y, ...set(v), ...get(v), ...get(v), ...get(v), ...f32x4Mul, ...f32x4Sub, ...f32x4Mul],
        gradientOf: (dy, y) => dy * (y - y * y),
      },
    },
  },
  tanh: {
    lower: (x) => tf.tanh(x),
  },
  relu6: {
    lower: (x) => tf.relu6(x),
    tfjsFused: { name: 'relu6', differentiable: false },
    direct: {
      wgsl: (v) => `clamp(${v}, vec4<f32>(0.0), vec4<f32>(6.0))`,
      wgslDerivative: (y, t) => `select(${t}(0.0), ${t}(1.0), (${y} > ${t}(0.0)) & (${y} < ${t}(6.0)))`,
      wasm: {
        scratchLocals: 0,
        constantLocals: 0,
        apply: (v) => [...get(v), ...zeroVector, ...f32x4Max, ...six, ...f32x4Min, ...set(v)],
        // dy where 0 < y < 6, else +0: (y > 0) & (6 > y) masks dy's bits
        gradient: (y) => [...y, ...zeroVector, ...f32x4Gt, ...six, ...y, ...f32x4Gt, ...v128And, ...v128And],
        gradientOf: (dy, y) => (y > 0 && y < 6 ? dy : 0),
      },
    },
  },
  // tfjs fuses these in eval only (it has no fused gradient for them); its fused elu has α = 1.
  leaky_relu: {
    lower: (x, a) => tf.leakyRelu(x, a.slope as number),
    tfjsFused: { name: 'leakyrelu', differentiable: false, alpha: (a) => a.slope as number },
  },
  elu: {
    lower: (x, a) => elu(x, a.alpha as number),
    tfjsFused: { name: 'elu', differentiable: false, fits: (a) => a.alpha === 1 },
  },
  // The derivatives of these need the input, not the output, so netc's direct kernels cannot apply them.
  silu: { lower: (x) => silu(x) },
  gelu: { lower: (x, a) => gelu(x, a.approximate as string) },
  hardswish: { lower: (x) => hardswish(x) },
  hardsigmoid: { lower: (x) => hardsigmoid(x) },
  mish: { lower: (x) => mish(x) },
} satisfies Record<string, Activation>;

type Table = typeof table;
export type ActivationName = keyof Table;
/** Activations some conv/dense lowering can apply inside its kernel (tfjs's fused ops or netc's direct convs). */
export type FusedActivation = { [K in ActivationName]: Table[K] extends { tfjsFused: object } | { direct: object } ? K : never }[ActivationName];
/** What netc's direct convs take: 'linear' (none) or an activation with direct code. */
export type DirectActivation = 'linear' | { [K in ActivationName]: Table[K] extends { direct: object } ? K : never }[ActivationName];

export const activationTable: Readonly<Record<ActivationName, Activation>> = table;

/** Whether an op name is an activation in the table. */
export const isActivation = (op: string): op is ActivationName => Object.hasOwn(table, op);

/** The entry's direct-conv code (undefined for 'linear', which has none to apply). */
export const directCodeOf = (activation: DirectActivation): DirectActivationCode | undefined => (activation === 'linear' ? undefined : activationTable[activation].direct);

/** The wasm code every activation the wasm direct convs take may need, as local counts: the largest of each. */
export const wasmActivationLocals = Object.values(activationTable).reduce(
  (most, a) => ({ scratch: Math.max(most.scratch, a.direct?.wasm?.scratchLocals ?? 0), constants: Math.max(most.constants, a.direct?.wasm?.constantLocals ?? 0) }),
  { scratch: 0, constants: 0 },
);

/** tfjs's fused-op name for an activation (none: 'linear'). */
export const tfjsFusedName = (activation: FusedActivation | undefined): tf.fused.Activation => (activation ? activationTable[activation].tfjsFused?.name ?? 'linear' : 'linear');

/** What tf.fused.conv2d/depthwiseConv2d/matMul take for an activation with its layer's attributes. */
export function tfjsFusedArgs(activation: FusedActivation | undefined, attrs: Record<string, unknown> = {}): { activation: tf.fused.Activation; leakyreluAlpha?: number } {
  const alpha = activation ? activationTable[activation].tfjsFused?.alpha?.(attrs) : undefined;
  return alpha === undefined ? { activation: tfjsFusedName(activation) } : { activation: tfjsFusedName(activation), leakyreluAlpha: alpha };
}

/** Applies an activation with its plain lowering (none: x itself). */
export const applyActivation = (activation: FusedActivation | 'linear' | undefined, x: tf.Tensor, attrs: Record<string, unknown> = {}): tf.Tensor =>
  activation && activation !== 'linear' ? activationTable[activation].lower(x, attrs) : x;
