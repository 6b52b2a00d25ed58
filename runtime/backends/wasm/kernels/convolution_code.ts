// The WebAssembly SIMD code of netc's direct convolutions on wasm (driven by convolution.ts): an NHWC
// forward conv2d over a zero-padded input, groups 1, no dilation, any stride (the filter gradient:
// filter_gradient_code.ts). Vectors run along the output channels;
// each input value is broadcast (load32_splat) and multiplied into a tile of accumulators held in locals.
// Loops over taps, and over input channels, are unrolled into constant address offsets.
//
// Why not XNNPACK: its convolutions pack the filter operand on every call. A filter gradient's "filter" is the
// output gradient, new every step (LeNet's first layer: 15 ms against 2.8 ms with the same operand twice),
// and a first layer with one input channel fills its 8-wide tiles badly (LeNet: 5–6 ms forward).
import {
  addTo, end, f32Const, f32x4Add, f32x4Mul, f32x4Splat, get, i32, i32Add, i32Eqz, i32GtS, i32LtS, i32Mul, i32RemU, i32Sub, ifThen, loadLanes, loadSplat, locals, memoryCopy, memoryFill, multiplyAdd, select, set, storeLanes, whileBelow, withLocalNames, zeroVector,
  type Code,
} from '../codegen/assembler.js';
import type { WasmModuleObject } from '../memory.js';
import { directCodeOf, wasmActivationLocals, type DirectActivation } from '../../../ops/activations.js';

/** Shapes of one convolution: input [n, h, w, ci] padded to [n, hp, wp, ci], filter [kh, kw, ci, co], output [n, oh, ow, co]. */
export interface ConvGeometry {
  h: number; w: number; ci: number;
  hp: number; wp: number; top: number; left: number;
  kh: number; kw: number; co: number;
  oh: number; ow: number;
  sh: number; sw: number;
}

/** Accumulator tile: at most this many vector accumulators, so tile, operands and a splat fit 16 registers. */
const maxAccumulators = 10;
const vectorsOf = (channels: number) => Math.ceil(channels / 4);
/** Floats in vector v of `channels` (4, except the last of a count that is not a multiple of 4). */
const lanesOf = (channels: number, v: number) => Math.min(4, channels - 4 * v);
const range = (n: number) => [...Array(n).keys()];
/** Splits 0..n−1 into runs of at most `size`. */
const blocks = (n: number, size: number) => range(Math.ceil(n / size)).map((b) => range(Math.min(size, n - b * size)).map((i) => b * size + i));

/**
 * pad(x, xp, n): xp = x zero-padded by (top, left) and up to [hp, wp]: the whole of xp zeroed, then each input
 * row copied into place.
 */
export function padBody(g: ConvGeometry): Code {
  const [X, XP, N, ROW, ROWS, TO] = [0, 1, 2, 3, 4, 5];
  const rowBytes = g.w * g.ci * 4;
  return withLocalNames(['x', 'xp', 'n', 'row', 'rows', 'to'], [
    ...locals(3),
    ...get(XP), ...i32(0), ...get(N), ...i32(g.hp * g.wp * g.ci * 4), ...i32Mul, ...memoryFill, // xp = 0
    ...get(N), ...i32(g.h), ...i32Mul, ...set(ROWS),
    ...get(XP), ...i32((g.top * g.wp + g.left) * g.ci * 4), ...i32Add, ...set(TO),
    ...whileBelow(ROW, ROWS, [
      ...get(TO), ...get(X), ...i32(rowBytes), ...memoryCopy,
      ...addTo(X, rowBytes),
      // next row; past an image's last row, skip its bottom padding and the next image's top padding
      ...get(TO), ...i32(g.wp * g.ci * 4), ...i32Add, ...set(TO),
      ...addTo(ROW, 1),
      ...get(ROW), ...i32(g.h), ...i32RemU, ...i32Eqz, // if (row % h == 0)
      ...ifThen(addTo(TO, (g.hp - g.h) * g.wp * g.ci * 4)),
    ]),
    ...end,
  ]);
}

/**
 * forward(xp, w, bias, out, n0, n1): out[n, y, x, :] = act(bias + Σ xp[n, y·sh + i, x·sw + j, c] · w[i, j, c, :])
 * (act: none, or an activation from the table's wasm code) for images n0 ≤ n < n1. A tile is `pixels` neighbouring outputs × a block of up
 * to 4 channel vectors; a row's last pixels (ow not a multiple of the tile) run as a narrower tile. With
 * `pool` [ph, pw] (windows that tile the output, eval only), a tile is one window and its activated pixels
 * are averaged into one output pixel: the full-size feature map is never written.
 */
export function forwardBody(g: ConvGeometry, hasBias: boolean, activation: DirectActivation, module: WasmModuleObject, pool?: [number, number]): Code {
  const [XP, W, BIAS, OUT, N, N1, Y, Q, O, OHL, X, OWL, QT, WT, ROW, ROW_END, ROW_STOP, ROW_START] = range(18);
  const firstVector = 18;
  const window = pool ? pool[0] * pool[1] : 0;
  const vectorBlocks = blocks(vectorsOf(g.co), pool ? Math.max(1, Math.min(4, Math.floor(8 / window))) : 4);
  const pixels = pool ? window : Math.max(1, Math.floor(8 / vectorBlocks[0].length));
  const acc = (i: number, k: number) => firstVector + i * 4 + k;
  const wLocal = (k: number) => firstVector + pixels * 4 + k;
  const splatLocal = firstVector + pixels * 4 + 4;
  const scratch = splatLocal + 1;
  const constants = scratch + wasmActivationLocals.scratch;
  const code = directCodeOf(activation)?.wasm;
  if (activation !== 'linear' && !code) throw new Error(`netc's wasm direct conv has no code for the activation '${activation}'`);
  const inStep = g.sw * g.ci * 4;
  const inRow = g.sh * g.wp * g.ci * 4;
  const tileRows = pool ? pool[0] : 1;
  /**
   * The filter rows that meet the input (not its zero padding) for some output row of the tile row Y:
   * [max(0, top − (Y·tileRows + tileRows − 1)·sh), clamp(top + h − Y·tileRows·sh, 0, kh)); the rest only add
   * zeros (an input gradient's output gradient is padded by kernel − 1: 29% of LeNet's second conv's).
   */
  const maxOf = (local: number, bound: number, keepAbove: boolean) => [...get(local), ...i32(bound), ...get(local), ...i32(bound), ...(keepAbove ? i32GtS : i32LtS), ...select, ...set(local)]; // local = max(local, bound), or min
  const rowRange = [
    ...i32(g.top - (tileRows - 1) * g.sh), ...get(Y), ...i32(tileRows * g.sh), ...i32Mul, ...i32Sub, ...set(ROW_START), ...maxOf(ROW_START, 0, true),
    ...i32(g.top + g.h), ...get(Y), ...i32(tileRows * g.sh), ...i32Mul, ...i32Sub, ...set(ROW_STOP), ...maxOf(ROW_STOP, g.kh, false), ...maxOf(ROW_STOP, 0, true),
  ];
  const outStep = g.co * 4;
  const activate = (v: number) => (code ? code.apply(v, scratch, constants) : []);
  const rowTaps = g.kw * g.ci; // along a filter row, (j, c) taps are consecutive floats of the padded input row

  /**
   * A tile of pixels whose inputs start at q + inOffsets[i], over the channel vectors `vs`: loops over filter
   * rows and the taps of a row (unrolled code would let the compiler hoist every load and spill the
   * accumulators), then `epilogue`.
   */
  const tile = (inOffsets: number[], vs: number[], epilogue: (ks: number[], lanes: (k: number) => number) => Code) => {
    const ks = vs.map((_, k) => k);
    const lanes = (k: number) => lanesOf(g.co, vs[k]);
    const tap = [
      ...ks.flatMap((k) => [...loadLanes(get(WT), 16 * vs[k], lanes(k)), ...set(wLocal(k))]),
      ...inOffsets.flatMap((offset, i) => [
        ...get(QT), ...loadSplat(offset), ...set(splatLocal),
        ...ks.flatMap((k) => [...multiplyAdd(get(splatLocal), get(wLocal(k)), get(acc(i, k))), ...set(acc(i, k))]),
      ]),
      ...addTo(QT, 4), ...addTo(WT, g.co * 4),
    ];
    return [
      ...inOffsets.flatMap((_, i) => ks.flatMap((k) => [...(hasBias ? loadLanes(get(BIAS), 16 * vs[k], lanes(k)) : zeroVector), ...set(acc(i, k))])),
      ...get(Q), ...get(ROW_START), ...i32(g.wp * g.ci * 4), ...i32Mul, ...i32Add, ...set(QT),
      ...get(W), ...get(ROW_START), ...i32(g.kw * g.ci * g.co * 4), ...i32Mul, ...i32Add, ...set(WT),
      ...get(ROW_START), ...set(ROW),
      ...whileBelow(ROW, ROW_STOP, [
        ...get(QT), ...i32(rowTaps * 4), ...i32Add, ...set(ROW_END),
        ...whileBelow(QT, ROW_END, tap),
        ...addTo(QT, (g.wp - g.kw) * g.ci * 4),
        ...addTo(ROW, 1),
      ]),
      ...epilogue(ks, lanes),
    ];
  };
  /** `count` pixels along the row, each stored at o + i · outStep. */
  const rowTile = (count: number, vs: number[]) =>
    tile(range(count).map((i) => i * inStep), vs, (ks, lanes) => range(count).flatMap((i) => ks.flatMap((k) => [...activate(acc(i, k)), ...storeLanes(get(O), i * outStep + 16 * vs[k], acc(i, k), lanes(k))])));
  /** One pooling window: its pixels activated, averaged into accumulator 0, stored at o. */
  const windowTile = ([ph, pw]: [number, number], vs: number[]) =>
    tile(range(window).map((i) => Math.floor(i / pw) * inRow + (i % pw) * inStep), vs, (ks, lanes) => [
      ...range(window).flatMap((i) => ks.flatMap((k) => activate(acc(i, k)))),
      ...ks.flatMap((k) => [
        ...range(window - 1).flatMap((i) => [...get(acc(0, k)), ...get(acc(i + 1, k)), ...f32x4Add, ...set(acc(0, k))]),
        ...get(acc(0, k)), ...f32Const(1 / (ph * pw)), ...f32x4Splat, ...f32x4Mul, ...set(acc(0, k)),
        ...storeLanes(get(O), 16 * vs[k], acc(0, k), lanes(k)),
      ]),
    ]);
  const tiles = (count: number) => vectorBlocks.flatMap((vs) => rowTile(count, vs));
  const rest = g.ow % pixels;
  const [rows, perRow] = pool ? [g.oh / pool[0], g.ow / pool[1]] : [g.oh, Math.floor(g.ow / pixels)];
  const alongRow = pool
    ? [...vectorBlocks.flatMap((vs) => windowTile(pool, vs)), ...addTo(Q, pool[1] * inStep), ...addTo(O, outStep), ...addTo(X, 1)]
    : [...tiles(pixels), ...addTo(Q, pixels * inStep), ...addTo(O, pixels * outStep), ...addTo(X, 1)];

  const names = [
    'xp', 'w', 'bias', 'out', 'n', 'n1', 'y', 'q', 'o', 'ohl', 'x', 'owl', 'qt', 'wt', 'row', 'rowEnd', 'rowStop', 'rowStart',
    ...range(pixels * 4).map((a) => `acc${Math.floor(a / 4)}_${a % 4}`), ...range(4).map((k) => `w${k}`), 'splat',
    ...range(wasmActivationLocals.scratch).map((j) => `scratch${j}`), ...range(wasmActivationLocals.constants).map((j) => `constant${j}`),
  ];
  return withLocalNames(names, [
    ...locals(12, pixels * 4 + 5 + wasmActivationLocals.scratch + wasmActivationLocals.constants),
    ...(code?.setConstants?.(module, constants) ?? []),
    ...i32(rows), ...set(OHL), ...i32(perRow), ...set(OWL),
    ...get(N), ...i32(rows * (pool ? perRow : g.ow) * outStep), ...i32Mul, ...get(OUT), ...i32Add, ...set(O),
    ...whileBelow(N, N1, [
      ...i32(0), ...set(Y),
      ...whileBelow(Y, OHL, [
        ...get(N), ...i32(g.hp * g.wp * g.ci * 4), ...i32Mul, ...get(XP), ...i32Add,
        ...get(Y), ...i32(tileRows * inRow), ...i32Mul, ...i32Add, ...set(Q),
        ...rowRange,
        ...i32(0), ...set(X),
        ...whileBelow(X, OWL, alongRow),
        ...(!pool && rest > 0 ? [...tiles(rest), ...addTo(O, rest * outStep)] : []),
        ...addTo(Y, 1),
      ]),
      ...addTo(N, 1),
    ]),
    ...end,
  ]);
}
