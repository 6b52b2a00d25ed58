// WGSL programs of a grouped NHWC convolution (filter [kh, kw, inC / groups, outC], dilation 1): forward,
// input gradient and filter gradient, each one dispatch over all groups at once. Output channel o belongs to
// group g = o / (outC / groups) and reads input channels g · inC/groups … (g + 1) · inC/groups − 1.
//
// Three layouts, picked from the channel counts: `depthwise4` (one input and one output channel per group,
// channels a multiple of 4: x, W, dy and the result are all read and written as vec4 along the channels, which
// are contiguous in both NHWC and the filter), `vec4` (output channels per group a multiple of 4: W and dy
// as vec4 along the outputs of a group, e.g. ResNeXt's 4 outputs per group) and `scalar` (anything else:
// odd counts, ShuffleNet's 3 groups). Loop bounds and sizes are constants in the shader text, so each
// shape is its own shader (cached by tfjs under its key).
import { program, type Program, type Shape4 } from './program.js';

export interface GroupedConvAttrs {
  strides: [number, number];
  /** [[top, bottom], [left, right]]. */
  pad: [[number, number], [number, number]];
  groups: number;
}

type Layout = 'depthwise4' | 'vec4' | 'scalar';

/** What every program derives from the shapes: sizes per group, the output size, the layout. */
export function geometryOf([n, h, w, inC]: Shape4, [kh, kw, cg, outC]: Shape4, { strides: [sh, sw], pad: [[pt, pb], [pl, pr]], groups }: GroupedConvAttrs) {
  const og = outC / groups;
  const oh = Math.floor((h + pt + pb - kh) / sh) + 1;
  const ow = Math.floor((w + pl + pr - kw) / sw) + 1;
  const layout: Layout = cg === 1 && og === 1 && inC % 4 === 0 ? 'depthwise4' : og % 4 === 0 ? 'vec4' : 'scalar';
  return { n, h, w, inC, kh, kw, cg, og, outC, oh, ow, sh, sw, pt, pl, layout };
}

type Geometry = ReturnType<typeof geometryOf>;

const keyOf = (name: string, g: Geometry) => `grouped_${name}_${[g.n, g.h, g.w, g.inC, g.kh, g.kw, g.cg, g.outC, g.oh, g.ow, g.sh, g.sw, g.pt, g.pl, g.layout].join('_')}`;

/** y[b, oy, ox, o] = Σ over taps and the group's input channels of x[b, oy·sh − pt + ky, ox·sw − pl + kx, g·cg + c] · W[ky, kx, c, o]. */
export function forwardProgram(xShape: Shape4, wShape: Shape4, attrs: GroupedConvAttrs): Program {
  const g = geometryOf(xShape, wShape, attrs);
  const { n, h, w, inC, kh, kw, cg, og, outC, oh, ow, sh, sw, pt, pl, layout } = g;
  // Invocations: one per output pixel and output channel (4 channels in the vec4 layouts).
  const width = layout === 'scalar' ? 1 : 4;
  const perPixel = outC / width;
  const size = n * oh * ow * perPixel;
  const t = width === 4 ? 'vec4<f32>' : 'f32';
  const lines = [
    `  if (index >= ${size}) { return; }`,
    `  let oq = index % ${perPixel}; var r = index / ${perPixel}; let ox = r % ${ow}; r = r / ${ow}; let oy = r % ${oh}; let b = r / ${oh};`,
    `  let o = oq * ${width}; let ciFirst = (o / ${og}) * ${cg};`,
    `  var acc = ${t}(0.0);`,
    `  for (var ky = 0; ky < ${kh}; ky++) {`,
    `    let iy = oy * ${sh} - ${pt} + ky;`,
    `    if (iy < 0 || iy >= ${h}) { continue; }`,
    `    for (var kx = 0; kx < ${kw}; kx++) {`,
    `      let ix = ox * ${sw} - ${pl} + kx;`,
    `      if (ix < 0 || ix >= ${w}) { continue; }`,
    `      let at = ((b * ${h} + iy) * ${w} + ix) * ${inC} + ciFirst;`,
    `      let tap = (ky * ${kw} + kx) * ${cg};`,
  ];
  if (layout === 'depthwise4') lines.push(`      acc += x[at / 4] * W[tap * ${outC / 4} + oq];`);
  else if (layout === 'vec4') lines.push(`      for (var c = 0; c < ${cg}; c++) { acc += x[at + c] * W[((tap + c) * ${outC} + o) / 4]; }`);
  else lines.push(`      for (var c = 0; c < ${cg}; c++) { acc += x[at + c] * W[(tap + c) * ${outC} + o]; }`);
  lines.push('    }', '  }', '  result[index] = acc;');
  const components = layout === 'depthwise4' ? [4, 4] : layout === 'vec4' ? [1, 4] : [1, 1];
  return { ...program(keyOf('fwd', g), ['x', 'W'], [n, oh, ow, outC], size, lines.join('\n')), outputComponent: width, variableComponents: components };
}

/** dx[b, iy, ix, c] = Σ over taps whose output pixel exists and the group's output channels of dy[b, oy, ox, o] · W[ky, kx, c − g·cg, o]. */
export function inputGradProgram(dyShape: Shape4, wShape: Shape4, inShape: Shape4, attrs: GroupedConvAttrs): Program {
  const g = geometryOf(inShape, wShape, attrs);
  const { n, h, w, inC, kh, kw, cg, og, outC, oh, ow, sh, sw, pt, pl, layout } = g;
  if (dyShape[1] !== oh || dyShape[2] !== ow || dyShape[3] !== outC) throw new Error(`NetcGroupedConv2DBackpropInput: dy ${dyShape} does not match the input ${inShape} and filter ${wShape}`);
  const width = layout === 'depthwise4' ? 4 : 1;
  const perPixel = inC / width;
  const size = n * h * w * perPixel;
  const t = width === 4 ? 'vec4<f32>' : 'f32';
  const lines = [
    `  if (index >= ${size}) { return; }`,
    `  let cq = index % ${perPixel}; var r = index / ${perPixel}; let ix = r % ${w}; r = r / ${w}; let iy = r % ${h}; let b = r / ${h};`,
    `  let c = cq * ${width}; let group = c / ${cg}; let cl = c % ${cg}; let oFirst = group * ${og};`,
    `  var acc = ${t}(0.0);`,
    `  for (var ky = 0; ky < ${kh}; ky++) {`,
    // The output row this tap came from: (iy + pt − ky) / sh, when that divides and is inside.
    `    let sy = iy + ${pt} - ky;`,
    `    if (sy < 0 || sy % ${sh} != 0 || sy / ${sh} >= ${oh}) { continue; }`,
    `    for (var kx = 0; kx < ${kw}; kx++) {`,
    `      let sx = ix + ${pl} - kx;`,
    `      if (sx < 0 || sx % ${sw} != 0 || sx / ${sw} >= ${ow}) { continue; }`,
    `      let at = ((b * ${oh} + sy / ${sh}) * ${ow} + sx / ${sw}) * ${outC} + oFirst;`,
    `      let tap = ((ky * ${kw} + kx) * ${cg} + cl) * ${outC} + oFirst;`,
  ];
  if (layout === 'depthwise4') lines.push(`      acc += dy[at / 4] * W[tap / 4];`);
  else if (layout === 'vec4') lines.push(`      for (var j = 0; j < ${og / 4}; j++) { acc += dot(dy[at / 4 + j], W[tap / 4 + j]); }`);
  else lines.push(`      for (var j = 0; j < ${og}; j++) { acc += dy[at + j] * W[tap + j]; }`);
  lines.push('    }', '  }', '  result[index] = acc;');
  const components = layout === 'scalar' ? [1, 1] : [4, 4];
  return { ...program(keyOf('dx', g), ['dy', 'W'], inShape, size, lines.join('\n')), outputComponent: width, variableComponents: components };
}

/** How the filter gradient's reduction over the batch's output rows splits: `chunks` slices of `rowsPerChunk` rows. */
export function filterGradChunks(g: Geometry) {
  const width = g.layout === 'scalar' ? 1 : 4;
  const elements = (g.kh * g.kw * g.cg * g.outC) / width;
  const rows = g.n * g.oh;
  // Enough invocations to keep every core (or GPU lane) busy; each loops over its rows.
  const wanted = Math.max(1, Math.min(rows, Math.ceil(16384 / elements)));
  const rowsPerChunk = Math.ceil(rows / wanted);
  return { width, elements, rowsPerChunk, chunks: Math.ceil(rows / rowsPerChunk) };
}

/** Partial filter gradients over slices of the output rows: [chunks, kh, kw, cg, outC], summed by chunkSumProgram. */
export function filterGradProgram(xShape: Shape4, dyShape: Shape4, wShape: Shape4, attrs: GroupedConvAttrs): Program {
  const g = geometryOf(xShape, wShape, attrs);
  const { h, w, inC, kw, cg, og, outC, oh, ow, sh, sw, pt, pl, layout } = g;
  if (dyShape[0] !== g.n || dyShape[1] !== oh || dyShape[2] !== ow || dyShape[3] !== outC) throw new Error(`NetcGroupedConv2DBackpropFilter: dy ${dyShape} does not match the input ${xShape} and filter ${wShape}`);
  const { width, elements, rowsPerChunk, chunks } = filterGradChunks(g);
  const size = chunks * elements;
  const t = width === 4 ? 'vec4<f32>' : 'f32';
  const rows = g.n * oh;
  const lines = [
    `  if (index >= ${size}) { return; }`,
    // Neighbouring invocations take neighbouring output channels: contiguous dy (and x, depthwise).
    `  let e = index % ${elements}; let chunk = index / ${elements};`,
    `  let o = (e % ${outC / width}) * ${width}; let rest = e / ${outC / width}; let cl = rest % ${cg}; let tap = rest / ${cg};`,
    `  let kx = tap % ${kw}; let ky = tap / ${kw}; let ci = (o / ${og}) * ${cg} + cl;`,
    `  var acc = ${t}(0.0);`,
    `  let first = chunk * ${rowsPerChunk}; let last = min(first + ${rowsPerChunk}, ${rows});`,
    `  for (var row = first; row < last; row++) {`,
    `    let oy = row % ${oh}; let b = row / ${oh};`,
    `    let iy = oy * ${sh} - ${pt} + ky;`,
    `    if (iy < 0 || iy >= ${h}) { continue; }`,
    `    let xRow = (b * ${h} + iy) * ${w}; let dyRow = row * ${ow};`,
    `    for (var ox = 0; ox < ${ow}; ox++) {`,
    `      let ix = ox * ${sw} - ${pl} + kx;`,
    `      if (ix < 0 || ix >= ${w}) { continue; }`,
  ];
  if (layout === 'depthwise4') lines.push(`      acc += x[((xRow + ix) * ${inC} + ci) / 4] * dy[((dyRow + ox) * ${outC} + o) / 4];`);
  else if (layout === 'vec4') lines.push(`      acc += x[(xRow + ix) * ${inC} + ci] * dy[((dyRow + ox) * ${outC} + o) / 4];`);
  else lines.push(`      acc += x[(xRow + ix) * ${inC} + ci] * dy[(dyRow + ox) * ${outC} + o];`);
  lines.push('    }', '  }', '  result[index] = acc;');
  const components = layout === 'depthwise4' ? [4, 4] : layout === 'vec4' ? [1, 4] : [1, 1];
  return { ...program(`${keyOf('dw', g)}_${chunks}`, ['x', 'dy'], [chunks, elements * width], size, lines.join('\n')), outputComponent: width, variableComponents: components };
}

/** Sums [chunks, size] partials into the filter's shape. */
export function chunkSumProgram(chunks: number, filterShape: number[]): Program {
  const size = filterShape.reduce((a, b) => a * b, 1);
  const width = size % 4 === 0 ? 4 : 1;
  const t = width === 4 ? 'vec4<f32>' : 'f32';
  const body = `  if (index < ${size / width}) {\n    var s = ${t}(0.0);\n    for (var c = 0; c < ${chunks}; c++) { s += partial[c * ${size / width} + index]; }\n    result[index] = s;\n  }`;
  return { ...program(`grouped_dw_sum_${chunks}_${filterShape}_${width}`, ['partial'], filterShape, size / width, body), outputComponent: width, variableComponents: [width] };
}
