// What every layer (op) entry provides: its attribute schema, output shape, parameters and MACs.
import type { DiagnosticCode } from '../diagnostic_messages.js';

/** A per-example shape: [channels, height, width] for images, [features] after flatten. */
export type Shape = number[];

export type AttrType = 'int' | 'float' | 'bool' | 'int2' | 'choice';
export type AttrValue = number | boolean | number[] | string;
export type Attrs = Record<string, AttrValue>;

export interface AttrSpec {
  name: string;
  type: AttrType;
  doc: string;
  /** Omitted: the argument is required. A function derives it from the other attributes (pool stride = kernel). */
  default?: AttrValue | ((attrs: Attrs) => AttrValue);
  /** Inclusive lower bound (for int2: each element). */
  min?: number;
  /** Exclusive upper bound. */
  below?: number;
  /** For 'choice': the strings it accepts (`mode: "bilinear"`). */
  choices?: string[];
}

/** Initializers, as PyTorch's defaults: kaiming_uniform(a=√5) for weights, U(±1/√fan_in) for biases;
 * `constant` fills the parameter's `value` (ConvNeXt's layer scale starts at 1e-6). */
export type InitKind = 'kaiming_uniform' | 'fan_in_uniform' | 'zeros' | 'ones' | 'constant';

/**
 * How a parameter is laid out, so the runtime (and exporters) reorder it by this tag, never by op name:
 * - `conv`: PyTorch [out, in/groups, kh, kw] (tfjs wants [kh, kw, in/groups, out]);
 * - `depthwise`: a conv with groups = in channels, PyTorch [in·m, 1, kh, kw] (tfjs [kh, kw, in, m]);
 * - `conv_transpose`: PyTorch [in, out, kh, kw] (tfjs conv2dTranspose wants [kh, kw, out, in]);
 * - `dense`: PyTorch [out, in] (tfjs [in, out]);
 * - `vector`: the same in both (biases, per-channel scales, statistics).
 */
export type ParamLayout = 'conv' | 'depthwise' | 'conv_transpose' | 'dense' | 'vector';

export interface ParamSpec {
  /** Appended to the layer's path: `weight`, `bias`, `running_mean`, … */
  suffix: string;
  /** PyTorch's layout: conv [out, in/groups, kh, kw], dense [out, in]. */
  shape: number[];
  /** false for buffers (BatchNorm running statistics), which PyTorch does not count as parameters. */
  trainable: boolean;
  init: InitKind;
  /** fan-in used by the initializer (conv: in/groups·kh·kw, dense: in). */
  fanIn?: number;
  /** The fill value of a `constant` init. */
  value?: number;
  layout: ParamLayout;
}

export interface ShapeError {
  error: DiagnosticCode;
  args: Record<string, string | number>;
  /** The argument the error is about, to point at it; the whole call otherwise. */
  attr?: string;
}

export type ShapeResult = { shape: Shape } | ShapeError;

/** The layer's row in docs/language.md's generated layer table. */
export interface DocRow {
  /** What it computes, with its PyTorch counterpart (`nn.Conv2d`). */
  what: string;
  /** `[C,H,W] → [channels,H',W']`, or `unchanged`. */
  shape: string;
  /** Its parameters and buffers, or `—`. */
  params: string;
}

/**
 * How a layer takes part in fusion: a `producer` (conv, dense) can apply a following activation inside its
 * own kernel; an `activation` is element-wise and can be applied inside its producer (the runtime's
 * activation table says on which backends and modes).
 */
export type Fusion = 'producer' | 'activation';

export interface OpSpec {
  name: string;
  /** The runtime lowers every op of a family in runtime/ops/<family>.ts. */
  family: string;
  doc: string;
  docRow: DocRow;
  fusion?: Fusion;
  attrs: AttrSpec[];
  /** How many leading attributes may be given positionally. */
  positional: number;
  inferShape(input: Shape, attrs: Attrs): ShapeResult;
  params?(input: Shape, attrs: Attrs): ParamSpec[];
  macs?(input: Shape, output: Shape, attrs: Attrs): number;
}

export const formatShape = (shape: Shape): string => `[${shape.join(', ')}]`;

export const product = (xs: number[]): number => xs.reduce((a, b) => a * b, 1);

/** Requires an image-shaped input, as NET3009 otherwise. */
export function needsImage(op: string, input: Shape): ShapeError | undefined {
  if (input.length === 3) return undefined;
  return { error: 'NET3009', args: { op, shape: formatShape(input) } };
}

/** Divisors of n, for hints like "choose groups among 1, 2, 4". */
export function divisors(n: number): string {
  const ds: number[] = [];
  for (let d = 1; d <= n && ds.length < 12; d++) if (n % d === 0) ds.push(d);
  return ds.join(', ');
}
