// MaxPoolGrad on netc's SIMD code: per output pixel and channel vector, the window's taps are compared with
// the pool's output in row-major order and dy is added where a tap first equals it (tfjs-backend-cpu's rule:
// the first maximum of the window, padding skipped), into a zeroed dx — any window, stride and padding, so
// overlapping 3×3/2 windows add up. tfjs-backend-wasm's own took 129 ms for a 2×2/2 pool of [128, 28, 28, 32]
// (and misroutes all-negative windows: pooling.ts); channel counts not a multiple of 4 stay there.
import * as tf from '../../../tfjs.js';
import { addTo, end, f32x4Add, f32x4Eq, get, i32, i32Add, i32And, i32LtU, i32Mul, i32Sub, ifThen, load, locals, set, store, v128And, v128AndNot, v128Or, whileBelow, withLocalNames, zeroVector, type Code } from '../codegen/assembler.js';
import { compileSimd, heapOf, offsetOf, type WasmBackendInternals } from '../memory.js';
import { runSplit } from '../split_run.js';

/** A max pool's geometry: input [h, w, c] per image, window [kh, kw], stride, top/left padding, output [oh, ow]. */
export interface MaxPoolGeometry { h: number; w: number; c: number; kh: number; kw: number; sh: number; sw: number; top: number; left: number; oh: number; ow: number }

/** maxPoolGrad(x, y, dy, dx, n0, n1): dx (zeroed) of images n0 ≤ n < n1 gets each dy where its window first reaches y. */
export function maxPoolGradBody(g: MaxPoolGeometry): Code {
  const [X, Y, DY, DX, N, N1, OY, OX, OHL, OWL, XP, YP, V, VEND, IY0, IX0, ADDR, DXD, DYD, IMAGE_X] = [...Array(20).keys()];
  const [YV, DYV, FOUND, EQ] = [20, 21, 22, 23];
  const pixel = g.c * 4;
  const inBounds = (i: number, j: number) => [...get(IY0), ...i32(i), ...i32Add, ...i32(g.h), ...i32LtU, ...get(IX0), ...i32(j), ...i32Add, ...i32(g.w), ...i32LtU, ...i32And];
  const dxAt = [...get(ADDR), ...get(DXD), ...i32Add];
  const tap = (i: number, j: number) => [
    ...inBounds(i, j),
    ...ifThen([
      ...get(XP), ...get(V), ...i32Add, ...i32((i * g.w + j) * pixel), ...i32Add, ...set(ADDR),
      ...get(ADDR), ...load(0), ...get(YV), ...f32x4Eq, ...get(FOUND), ...v128AndNot, ...set(EQ), // the first tap equal to the maximum
      ...get(FOUND), ...get(EQ), ...v128Or, ...set(FOUND),
      ...dxAt, ...dxAt, ...load(0), ...get(EQ), ...get(DYV), ...v128And, ...f32x4Add, ...store(0),
    ]),
  ];
  const taps = [...Array(g.kh * g.kw).keys()].flatMap((t) => tap(Math.floor(t / g.kw), t % g.kw));
  return withLocalNames(['x', 'y', 'dy', 'dx', 'n', 'n1', 'oy', 'ox', 'ohl', 'owl', 'xp', 'yp', 'v', 'vEnd', 'iy0', 'ix0', 'addr', 'dxd', 'dyd', 'imageX', 'yv', 'dyv', 'found', 'eq'], [
    ...locals(14, 4),
    ...i32(g.oh), ...set(OHL), ...i32(g.ow), ...set(OWL), ...i32(pixel), ...set(VEND),
    ...get(DX), ...get(X), ...i32Sub, ...set(DXD), ...get(DY), ...get(Y), ...i32Sub, ...set(DYD),
    ...get(N), ...i32(g.oh * g.ow * pixel), ...i32Mul, ...get(Y), ...i32Add, ...set(YP),
    ...whileBelow(N, N1, [
      ...get(N), ...i32(g.h * g.w * pixel), ...i32Mul, ...get(X), ...i32Add, ...set(IMAGE_X),
      ...i32(0), ...set(OY),
      ...whileBelow(OY, OHL, [
        ...get(OY), ...i32(g.sh), ...i32Mul, ...i32(g.top), ...i32Sub, ...set(IY0),
        ...i32(0), ...set(OX),
        ...whileBelow(OX, OWL, [
          ...get(OX), ...i32(g.sw), ...i32Mul, ...i32(g.left), ...i32Sub, ...set(IX0),
          // the window's top-left input pixel (outside the image where it starts in the padding: only taps in bounds are read)
          ...get(IMAGE_X), ...get(IY0), ...i32(g.w), ...i32Mul, ...get(IX0), ...i32Add, ...i32(pixel), ...i32Mul, ...i32Add, ...set(XP),
          ...i32(0), ...set(V),
          ...whileBelow(V, VEND, [
            ...get(YP), ...get(V), ...i32Add, ...load(0), ...set(YV),
            ...get(YP), ...get(V), ...i32Add, ...get(DYD), ...i32Add, ...load(0), ...set(DYV),
            ...zeroVector, ...set(FOUND),
            ...taps,
            ...addTo(V, 16),
          ]),
          ...addTo(YP, pixel),
          ...addTo(OX, 1),
        ]),
        ...addTo(OY, 1),
      ]),
      ...addTo(N, 1),
    ]),
    ...end,
  ]);
}

/** dx of a max pool on netc's code, or undefined (left to tfjs) where the channels are not a multiple of 4. */
export function maxPoolGradient(backend: WasmBackendInternals, x: tf.TensorInfo, y: tf.TensorInfo, dy: tf.TensorInfo, g: MaxPoolGeometry): tf.TensorInfo | undefined {
  if (g.c % 4 !== 0 || x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const code = compileSimd(backend.wasm, `maxPoolGrad:${Object.values(g).join(',')}`, 6, () => maxPoolGradBody(g));
  if (!code) return undefined;
  const n = x.shape[0];
  const dx = backend.makeOutput(x.shape, 'float32');
  const at = offsetOf(backend, dx);
  heapOf(backend).fill(0, at / 4, at / 4 + n * g.h * g.w * g.c);
  const [xAt, yAt, dyAt] = [offsetOf(backend, x), offsetOf(backend, y), offsetOf(backend, dy)];
  runSplit(backend, code, n, n * g.oh * g.ow * g.c * g.kh * g.kw, (n0, n1) => [xAt, yAt, dyAt, at, n0, n1]);
  return dx;
}
