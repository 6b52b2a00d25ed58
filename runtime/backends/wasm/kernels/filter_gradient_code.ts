// The WebAssembly SIMD code of netc's filter gradient, for filters of any size (driven by convolution.ts):
// dW[i, j, c, :] = Σ over images and output pixels (y, x) of xp[n, y·sh + i, x·sw + j, c] · dy[n, y, x, :].
// A register tile — some (j, c) pairs × a block of output-channel vectors — is swept over a group of images;
// filter rows, pair blocks and vector blocks are loops. The earlier code unrolled them: a 3×3×96×96 filter's
// was 29 MB, past V8's largest function, and on LeNet's convs it was no faster (second conv 20–28 vs 8 ms). Why netc's code and not XNNPACK's
// convolution over transposed operands: that convolution packs the output gradient as its "filter" on every
// call and runs a batch of ci images with a kernel the size of the feature map (3.7 GMAC/s for ResNet-18's
// 3×3 64→64 at 7×7, batch 128).
import {
  addTo, end, get, i32, i32Add, i32LtU, i32Mul, i32Sub, load, loadLanes, loadSplat, locals, multiplyAdd, select, set, storeLanes, whileBelow, withLocalNames,
  type Code,
} from '../codegen/assembler.js';
import type { ConvGeometry } from './convolution_code.js';

/**
 * A register tile: `pairs` (j, c) pairs × `vectors` output-channel vectors of accumulators, swept over `images`
 * images at a time (more than one where feature maps are small, so a tile's loads and stores are paid once for
 * many pixels: ResNet-18@28's 2×2 and 1×1 maps have 4 and 1 per image).
 */
export interface FilterGradTile { pairs: number; vectors: number; images: number }

const range = (n: number) => [...Array(n).keys()];
const vectorsOf = (channels: number) => Math.ceil(channels / 4);

/**
 * The tile for a geometry: up to 3 vectors wide (fewer where co has fewer) and as many pairs as keep the
 * accumulators, the dy vectors and a splat within V8's 16 vector registers (12 accumulators at most).
 */
export function filterGradTile(g: ConvGeometry): FilterGradTile {
  const vectors = Math.min(3, vectorsOf(g.co));
  const imageBytes = (g.hp * g.wp * g.ci + g.oh * g.ow * g.co) * 4;
  return { vectors, pairs: Math.max(1, Math.min(g.kw * g.ci, Math.floor(9 / vectors))), images: Math.max(1, Math.floor(groupBytes / imageBytes)) };
}

/** Bytes of input and output gradient a sweep over a group of images reads, at most (one image where that is more). */
const groupBytes = 96 * 1024;

/**
 * filterGradLoops(xp, dy, acc, n0, n1): acc[i, j·ci + c, v] += the sums above for images n0 ≤ n < n1 (in groups
 * of tile.images), acc holding
 * whole vectors ([kh, kw·ci, ⌈co/4⌉] of 16 bytes). The last vector block (where co is not a multiple of 4 it reads
 * only the remaining channels) and the last pair block are their own code, with constant sizes.
 */
export function filterGradLoopBody(g: ConvGeometry, tile: FilterGradTile): Code {
  const [XP, DY, ACC, N, N1, TY, KHL, PAIR, PAIRS_END, VEC, VECS_END, Y, OHL, P, P_END, Q, ROW_X, IMAGE_DY, IMAGE_X, X_ROW, ACC_ROW, TILE_X, TILE_ACC, M, GN] = range(25);
  const firstVector = 25;
  const V = vectorsOf(g.co);
  const rowPairs = g.kw * g.ci;
  const lastPartial = g.co % 4 !== 0;
  const loopVectors = Math.floor((V - (lastPartial ? 1 : 0)) / tile.vectors) * tile.vectors;
  const restVectors = V - loopVectors;
  const loopPairs = Math.floor(rowPairs / tile.pairs) * tile.pairs;
  const restPairs = rowPairs - loopPairs;
  const acc = (a: number, k: number) => firstVector + a * tile.vectors + k;
  const dyLocal = (k: number) => firstVector + tile.pairs * tile.vectors + k;
  const splatLocal = firstVector + tile.pairs * tile.vectors + tile.vectors;
  const dyStep = g.co * 4;
  const inStep = g.sw * g.ci * 4;

  /**
   * One tile swept over the image: `pairs` pairs from TILE_X, TILE_ACC and `lanes` per vector (its count the
   * vector count), the dy vectors read from `dyAt` (a local that already points at the block's first vector).
   */
  const sweep = (pairs: number, lanes: number[], dyStart: Code) => {
    const ks = lanes.map((_, k) => k);
    const accAt = (a: number, k: number) => (a * V + k) * 16;
    return [
      ...range(pairs).flatMap((a) => ks.flatMap((k) => [...get(TILE_ACC), ...load(accAt(a, k)), ...set(acc(a, k))])),
      // The group's images are consecutive in dy and in xp: P runs on from one image into the next.
      ...dyStart, ...set(P), ...get(TILE_X), ...set(ROW_X), ...i32(0), ...set(M),
      ...whileBelow(M, GN, [
        ...i32(0), ...set(Y),
        ...whileBelow(Y, OHL, [
          ...get(P), ...i32(g.ow * dyStep), ...i32Add, ...set(P_END), ...get(ROW_X), ...set(Q),
          ...whileBelow(P, P_END, [
            ...ks.flatMap((k) => [...loadLanes(get(P), 16 * k, lanes[k]), ...set(dyLocal(k))]),
            ...range(pairs).flatMap((a) => [
              ...get(Q), ...loadSplat(a * 4), ...set(splatLocal),
              ...ks.flatMap((k) => [...multiplyAdd(get(splatLocal), get(dyLocal(k)), get(acc(a, k))), ...set(acc(a, k))]),
            ]),
            ...addTo(P, dyStep), ...addTo(Q, inStep),
          ]),
          ...addTo(ROW_X, g.sh * g.wp * g.ci * 4),
          ...addTo(Y, 1),
        ]),
        ...addTo(ROW_X, (g.hp - g.oh * g.sh) * g.wp * g.ci * 4),
        ...addTo(M, 1),
      ]),
      ...range(pairs).flatMap((a) => ks.flatMap((k) => storeLanes(get(TILE_ACC), accAt(a, k), acc(a, k), 4))),
    ];
  };
  const full = range(tile.vectors).map(() => 4);
  const rest = range(restVectors).map((k) => Math.min(4, g.co - 4 * (loopVectors + k)));
  /** All vector blocks of one pair block (TILE_X, TILE_ACC at its first pair, vector 0); TILE_ACC is left as found. */
  const vectorBlocks = (pairs: number) => [
    ...(loopVectors > 0 ? [
      ...i32(0), ...set(VEC),
      ...whileBelow(VEC, VECS_END, [
        ...sweep(pairs, full, [...get(IMAGE_DY), ...get(VEC), ...i32Add]),
        ...addTo(VEC, tile.vectors * 16), ...addTo(TILE_ACC, tile.vectors * 16),
      ]),
    ] : []),
    ...(restVectors > 0 ? sweep(pairs, rest, [...get(IMAGE_DY), ...i32(loopVectors * 16), ...i32Add]) : []),
    ...(loopVectors > 0 ? [...get(TILE_ACC), ...i32(-loopVectors * 16), ...i32Add, ...set(TILE_ACC)] : []),
  ];

  const names = [
    'xp', 'dy', 'acc', 'n', 'n1', 'ty', 'khl', 'pair', 'pairsEnd', 'vec', 'vecsEnd', 'y', 'ohl', 'p', 'pEnd', 'q', 'rowX', 'imageDy', 'imageX', 'xRow', 'accRow', 'tileX', 'tileAcc', 'm', 'gn',
    ...range(tile.pairs * tile.vectors).map((a) => `acc${Math.floor(a / tile.vectors)}_${a % tile.vectors}`), ...range(tile.vectors).map((k) => `dy${k}`), 'splat',
  ];
  return withLocalNames(names, [
    ...locals(20, tile.pairs * tile.vectors + tile.vectors + 1),
    ...i32(g.oh), ...set(OHL), ...i32(g.kh), ...set(KHL), ...i32(loopPairs), ...set(PAIRS_END), ...i32(loopVectors * 16), ...set(VECS_END),
    ...whileBelow(N, N1, [
      // gn = min(images, n1 − n): this group's images
      ...i32(tile.images), ...get(N1), ...get(N), ...i32Sub, ...i32(tile.images), ...get(N1), ...get(N), ...i32Sub, ...i32LtU, ...select, ...set(GN),
      ...get(N), ...i32(g.oh * g.ow * dyStep), ...i32Mul, ...get(DY), ...i32Add, ...set(IMAGE_DY),
      ...get(N), ...i32(g.hp * g.wp * g.ci * 4), ...i32Mul, ...get(XP), ...i32Add, ...set(IMAGE_X),
      ...get(IMAGE_X), ...set(X_ROW), ...get(ACC), ...set(ACC_ROW), ...i32(0), ...set(TY),
      ...whileBelow(TY, KHL, [
        ...get(X_ROW), ...set(TILE_X), ...get(ACC_ROW), ...set(TILE_ACC),
        ...(loopPairs > 0 ? [
          ...i32(0), ...set(PAIR),
          ...whileBelow(PAIR, PAIRS_END, [
            ...vectorBlocks(tile.pairs),
            ...addTo(PAIR, tile.pairs), ...addTo(TILE_X, tile.pairs * 4), ...addTo(TILE_ACC, tile.pairs * V * 16),
          ]),
        ] : []),
        ...(restPairs > 0 ? vectorBlocks(restPairs) : []),
        ...addTo(X_ROW, g.wp * g.ci * 4), ...addTo(ACC_ROW, rowPairs * V * 16),
        ...addTo(TY, 1),
      ]),
      ...get(N), ...get(GN), ...i32Add, ...set(N),
    ]),
    ...end,
  ]);
}
