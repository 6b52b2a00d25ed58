// Direct convolution kernels for WebGPU, written by netc: forward (with bias and activation), input gradient
// and filter gradient of an NHWC conv2d (groups 1, no dilation), as kernels `NetcConv2D`,
// `NetcConv2DBackpropInput` and `NetcConv2DBackpropFilter`, with `NetcActivationGrad` and `NetcChannelSum`
// (the op and its gradient: ../direct_conv.ts; the activations' WGSL: runtime/ops/activations.ts).
//
// Why: on a software Vulkan driver (lavapipe), tfjs's conv kernels run at ~0.7 GFLOP/s (LeNet's second conv:
// 178 ms forward, 260 ms input gradient). lavapipe runs 8 invocations in one SIMD register and turns every
// load whose index varies between invocations into a gather; the fast shape is one output pixel per
// invocation, accumulators in registers, and every filter index a constant, which means loops over taps and
// channels unrolled in the shader text. Unrolled text grows with the filter, so these kernels serve small
// filters only (`directConvFits`); whether they beat tfjs's kernels on an adapter is measured
// (runtime/lowering_trials.ts), never assumed.
import * as tf from '../../tfjs.js';
import type { DirectConvAttrs } from '../direct_conv.js';
import { directCodeOf, type DirectActivation } from '../../ops/activations.js';
import { kernel, program, runProgram, type Program, type Shape4 } from './program.js';


/** Unrolled multiply-adds of 4 lanes the forward shader may hold (LeNet's second conv needs 600). */
const maxUnrolledVec4 = 2048;

/** Whether a [kh, kw, inC, outC] filter is small enough for the unrolled kernels. */
export function directConvFits([kh, kw, inC, outC]: number[]): boolean {
  const taps = kh * kw;
  const forward = taps * inC * Math.ceil(outC / 4);
  const inputGrad = taps * outC * Math.ceil(inC / 4);
  return Math.max(forward, inputGrad) <= maxUnrolledVec4;
}

const vec4Of = (items: string[]) => `vec4<f32>(${[0, 1, 2, 3].map((j) => items[j] ?? '0.0').join(', ')})`;
const range = (n: number) => [...Array(n).keys()];

/** act(v) for a vec4<f32> expression, from the activation table's WGSL. */
function activationCode(activation: DirectActivation, v: string): string {
  return directCodeOf(activation)?.wgsl(v) ?? v;
}

/** y[n, oh, ow, :] = act(bias + Σ x[n, oh·s − p + kh, ow·s − p + kw, ci] · W[kh, kw, ci, :]); one pixel per invocation. */
function forwardProgram(xShape: Shape4, wShape: Shape4, { strides: [sh, sw], pad: [ph, pw], activation }: DirectConvAttrs, hasBias: boolean): Program {
  const [n, h, w, inC] = xShape;
  const [kh, kw, , outC] = wShape;
  const oh = Math.floor((h + 2 * ph - kh) / sh) + 1;
  const ow = Math.floor((w + 2 * pw - kw) / sw) + 1;
  const pixels = n * oh * ow;
  const accs = range(Math.ceil(outC / 4));
  const lines: string[] = [];
  lines.push(`  let live = index < ${pixels};`, `  let p = min(index, ${pixels - 1});`);
  lines.push(`  let ox = p % ${ow}; let rest = p / ${ow}; let oy = rest % ${oh}; let b = rest / ${oh};`);
  for (const a of accs) lines.push(`  var acc${a} = ${hasBias ? vec4Of(range(4).filter((j) => a * 4 + j < outC).map((j) => `bias[${a * 4 + j}]`)) : 'vec4<f32>(0.0)'};`);
  for (let ty = 0; ty < kh; ty++) {
    lines.push(`  { let iy = oy * ${sh} + ${ty - ph}; let rowIn = iy >= 0 && iy < ${h}; let row = (b * ${h} + clamp(iy, 0, ${h - 1})) * ${w};`);
    for (let tx = 0; tx < kw; tx++) {
      lines.push(`    { let ix = ox * ${sw} + ${tx - pw}; let inside = select(0.0, 1.0, rowIn && ix >= 0 && ix < ${w}); let at = (row + clamp(ix, 0, ${w - 1})) * ${inC};`);
      for (let ci = 0; ci < inC; ci++) {
        const base = ((ty * kw + tx) * inC + ci) * outC;
        lines.push(`      { let v = x[at + ${ci}] * inside;`);
        for (const a of accs) lines.push(`        acc${a} += v * ${vec4Of(range(4).filter((j) => a * 4 + j < outC).map((j) => `W[${base + a * 4 + j}]`))};`);
        lines.push('      }');
      }
      lines.push('    }');
    }
    lines.push('  }');
  }
  lines.push(`  if (live) {`, `    let out = p * ${outC};`);
  for (const a of accs) {
    lines.push(`    let y${a} = ${activationCode(activation, `acc${a}`)};`);
    for (const j of range(4).filter((j) => a * 4 + j < outC)) lines.push(`    result[out + ${a * 4 + j}] = y${a}[${j}];`);
  }
  lines.push('  }');
  const key = `conv_fwd_${xShape}_${wShape}_${sh},${sw}_${ph},${pw}_${activation}_${hasBias}`;
  return program(key, hasBias ? ['x', 'W', 'bias'] : ['x', 'W'], [n, oh, ow, outC], pixels, lines.join('\n'));
}

/** dx[n, iy, ix, :] = Σ over taps whose output pixel exists of dy[n, oy, ox, co] · W[kh, kw, :, co]; one input pixel per invocation. */
function inputGradProgram(dyShape: Shape4, wShape: Shape4, inShape: Shape4, { strides: [sh, sw], pad: [ph, pw] }: DirectConvAttrs): Program {
  const [, oh, ow, outC] = dyShape;
  const [kh, kw, inC] = wShape;
  const [n, h, w] = inShape;
  const pixels = n * h * w;
  const accs = range(Math.ceil(inC / 4));
  // dy as vec4s where its channels allow: one 16-byte load instead of four.
  const dyWidth = outC % 4 === 0 ? 4 : 1;
  const lines: string[] = [];
  lines.push(`  let live = index < ${pixels};`, `  let p = min(index, ${pixels - 1});`);
  lines.push(`  let ix = p % ${w}; let rest = p / ${w}; let iy = rest % ${h}; let b = rest / ${h};`);
  for (const a of accs) lines.push(`  var acc${a} = vec4<f32>(0.0);`);
  for (let ty = 0; ty < kh; ty++) {
    // The output row this tap came from: (iy + ph − ty) / sh, when that divides and is inside.
    lines.push(`  { let sy = iy + ${ph - ty}; let oy = sy / ${sh}; let rowIn = sy >= 0 && sy % ${sh} == 0 && oy < ${oh}; let row = (b * ${oh} + clamp(oy, 0, ${oh - 1})) * ${ow};`);
    for (let tx = 0; tx < kw; tx++) {
      lines.push(`    { let sx = ix + ${pw - tx}; let ox = sx / ${sw}; let inside = select(0.0, 1.0, rowIn && sx >= 0 && sx % ${sw} == 0 && ox < ${ow}); let at = (row + clamp(ox, 0, ${ow - 1})) * ${outC / dyWidth};`);
      for (let co = 0; co < outC; co++) {
        if (co % dyWidth === 0) lines.push(`      let g${co} = dy[at + ${co / dyWidth}] * inside;`);
        const g = dyWidth === 4 ? `g${co - (co % 4)}[${co % 4}]` : `g${co}`;
        for (const a of accs) lines.push(`      acc${a} += ${g} * ${vec4Of(range(4).filter((j) => a * 4 + j < inC).map((j) => `W[${((ty * kw + tx) * inC + a * 4 + j) * outC + co}]`))};`);
      }
      lines.push('    }');
    }
    lines.push('  }');
  }
  lines.push(`  if (live) {`, `    let out = p * ${inC};`);
  for (const a of accs) for (const j of range(4).filter((j) => a * 4 + j < inC)) lines.push(`    result[out + ${a * 4 + j}] = acc${a}[${j}];`);
  lines.push('  }');
  const key = `conv_dx_${dyShape}_${wShape}_${inShape}_${sh},${sw}_${ph},${pw}_${dyWidth}`;
  return { ...program(key, ['dy', 'W'], inShape, pixels, lines.join('\n')), variableComponents: [dyWidth, 1] };
}

/** How the filter gradient splits among invocations: a tap × ≤ 4 input channels × ≤ 8 output channels each. */
function filterGradBlocks([kh, kw, inC, outC]: Shape4) {
  // Widths that divide the channel counts waste no lanes (LeNet's 6 input channels: 2 blocks of 3).
  const ciWidth = inC <= 4 ? inC : inC % 4 === 0 ? 4 : inC % 3 === 0 ? 3 : 4;
  const coWidth = outC <= 8 ? outC : outC % 8 === 0 && ciWidth <= 3 ? 8 : 4;
  const ciBlocks = Math.ceil(inC / ciWidth);
  const coBlocks = Math.ceil(outC / coWidth);
  return { ciWidth, coWidth, ciBlocks, coBlocks, perChunk: kh * kw * ciBlocks * coBlocks };
}

/** Partial filter gradients over `chunks` slices of the batch: [chunks, kh, kw, inC, outC], summed afterwards. */
function filterGradProgram(xShape: Shape4, dyShape: Shape4, wShape: Shape4, chunks: number, { strides: [sh, sw], pad: [ph, pw] }: DirectConvAttrs): Program {
  const [n, h, w, inC] = xShape;
  const [, oh, ow, outC] = dyShape;
  const [kh, kw] = wShape;
  const { ciWidth, coWidth, ciBlocks, coBlocks, perChunk } = filterGradBlocks(wShape);
  const imagesPerChunk = Math.ceil(n / chunks);
  const size = chunks * kh * kw * inC * outC;
  const cis = range(ciWidth);
  const vecs = range(Math.ceil(coWidth / 4));
  // 16-byte loads where the channel counts allow.
  const dyWidth = outC % 4 === 0 && coWidth % 4 === 0 ? 4 : 1;
  const xWidth = inC % 4 === 0 ? 4 : 1;
  const lines: string[] = [];
  lines.push(`  let live = index < ${perChunk * chunks};`, `  let q = min(index, ${perChunk * chunks - 1});`);
  // Neighbouring invocations take neighbouring taps: they read neighbouring x and the same dy.
  lines.push(`  let tx = q % ${kw}; var r = q / ${kw}; let ty = r % ${kh}; r = r / ${kh};`);
  lines.push(`  let ib = r % ${ciBlocks}; r = r / ${ciBlocks}; let cb = r % ${coBlocks}; let chunk = r / ${coBlocks};`);
  lines.push(`  let ciFirst = ib * ${ciWidth}; let coFirst = cb * ${coWidth};`);
  for (const i of cis) for (const v of vecs) lines.push(`  var acc${i}_${v} = vec4<f32>(0.0);`);
  // Channels past the end read channel 0 (in bounds) and are never written.
  for (const i of cis) lines.push(`  let ci${i} = select(0, ciFirst + ${i}, ciFirst + ${i} < ${inC});`);
  if (dyWidth === 1) for (const j of range(vecs.length * 4)) lines.push(`  let co${j} = select(0, coFirst + ${j}, ${j < coWidth} && coFirst + ${j} < ${outC});`);
  lines.push(`  let first = chunk * ${imagesPerChunk}; let last = min(first + ${imagesPerChunk}, ${n});`);
  lines.push(`  for (var b = first; b < last; b++) {`);
  lines.push(`    for (var oy = 0; oy < ${oh}; oy++) {`);
  lines.push(`      let iy = oy * ${sh} + ty - ${ph}; let rowIn = iy >= 0 && iy < ${h}; let row = (b * ${h} + clamp(iy, 0, ${h - 1})) * ${w}; let dyRow = (b * ${oh} + oy) * ${ow};`);
  lines.push(`      for (var ox = 0; ox < ${ow}; ox++) {`);
  lines.push(`        let ix = ox * ${sw} + tx - ${pw}; let inside = select(0.0, 1.0, rowIn && ix >= 0 && ix < ${w});`);
  lines.push(`        let at = (row + clamp(ix, 0, ${w - 1})) * ${inC}; let g = (dyRow + ox) * ${outC};`);
  for (const v of vecs)
    lines.push(dyWidth === 4 ? `        let g${v} = dy[(g + coFirst) / 4 + ${v}];` : `        let g${v} = ${vec4Of(range(4).map((j) => (v * 4 + j < coWidth ? `dy[g + co${v * 4 + j}]` : '0.0')))};`);
  if (xWidth === 4) lines.push(`        let xv = x[(at + ciFirst) / 4] * inside;`);
  for (const i of cis) {
    lines.push(`        { let xi = ${xWidth === 4 ? `xv[${i}]` : `x[at + ci${i}] * inside`};`);
    for (const v of vecs) lines.push(`          acc${i}_${v} += xi * g${v};`);
    lines.push('        }');
  }
  lines.push('      }', '    }', '  }');
  lines.push(`  if (live) {`, `    let base = ((chunk * ${kh} + ty) * ${kw} + tx) * ${inC};`);
  for (const i of cis)
    for (const j of range(coWidth))
      lines.push(`    if (ciFirst + ${i} < ${inC} && coFirst + ${j} < ${outC}) { result[(base + ciFirst + ${i}) * ${outC} + coFirst + ${j}] = acc${i}_${j >> 2}[${j & 3}]; }`);
  lines.push('  }');
  const key = `conv_dw_${xShape}_${dyShape}_${wShape}_${chunks}_${sh},${sw}_${ph},${pw}`;
  return { ...program(key, ['x', 'dy'], [size], perChunk * chunks, lines.join('\n')), variableComponents: [xWidth, dyWidth] };
}

/** Sums the partial filter gradients: [chunks, size] -> the filter's shape. */
function chunkSumProgram(chunks: number, filterShape: number[]): Program {
  const size = filterShape.reduce((a, b) => a * b, 1);
  const body = `  if (index < ${size}) {\n    var s = 0.0;\n    for (var c = 0; c < ${chunks}; c++) { s += partial[c * ${size} + index]; }\n    result[index] = s;\n  }`;
  return program(`conv_dw_sum_${chunks}_${filterShape}`, ['partial'], filterShape, size, body);
}

/** dz = dy · act'(y), from the activation's output y, in one pass (tfjs would take three: 1 − y, ·y, ·dy). */
function activationGradProgram(shape: number[], activation: DirectActivation): Program {
  const size = shape.reduce((a, b) => a * b, 1);
  const width = size % 4 === 0 ? 4 : 1;
  const t = width === 4 ? 'vec4<f32>' : 'f32';
  const code = directCodeOf(activation);
  if (!code) throw new Error(`NetcActivationGrad on WebGPU: no derivative for the activation '${activation}'`);
  const derivative = code.wgslDerivative('y[index]', t);
  const body = `  if (index < ${size / width}) {\n    result[index] = dy[index] * ${derivative};\n  }`;
  return { ...program(`act_grad_${activation}_${size}_${width}`, ['dy', 'y'], shape, size / width, body), outputComponent: width, variableComponents: [width, width] };
}

/** Partial per-channel sums of an NHWC tensor over `chunks` slices of its pixels: [chunks, C]. */
function channelSumProgram(shape: Shape4, chunks: number): Program {
  const channels = shape[3];
  const pixels = shape[0] * shape[1] * shape[2];
  const perChunk = Math.ceil(pixels / chunks);
  const body = [
    `  if (index < ${chunks * channels}) {`,
    `    let c = index % ${channels}; let chunk = index / ${channels};`,
    `    let first = chunk * ${perChunk}; let last = min(first + ${perChunk}, ${pixels});`,
    `    var s = 0.0;`,
    `    for (var p = first; p < last; p++) { s += x[p * ${channels} + c]; }`,
    `    result[index] = s;`,
    `  }`,
  ].join('\n');
  return program(`channel_sum_${shape}_${chunks}`, ['x'], [chunks, channels], chunks * channels, body);
}

/** Slices of the batch the filter gradient is split into: enough invocations to keep every core busy. */
function chunksFor(batch: number, wShape: Shape4): number {
  return Math.max(1, Math.min(batch, Math.ceil(4096 / filterGradBlocks(wShape).perChunk)));
}

const attrsOf = (attrs: tf.NamedAttrMap | undefined) => attrs as unknown as DirectConvAttrs & { inShape: Shape4; filterShape: Shape4 };

/** The kernels of netc's direct conv on WebGPU (registered by register_kernels.ts). */
export const directConvKernels: tf.KernelConfig[] = [
  {
    kernelName: 'NetcConv2D',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x, filter, bias }, backend, attrs }) =>
      runProgram(backend, forwardProgram(x.shape as Shape4, filter.shape as Shape4, attrsOf(attrs), bias !== undefined), bias ? [x, filter, bias] : [x, filter]),
    ),
  },
  {
    kernelName: 'NetcConv2DBackpropInput',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { dy, filter }, backend, attrs }) => {
      const a = attrsOf(attrs);
      return runProgram(backend, inputGradProgram(dy.shape as Shape4, filter.shape as Shape4, a.inShape, a), [dy, filter]);
    }),
  },
  {
    kernelName: 'NetcConv2DBackpropFilter',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x, dy }, backend, attrs }) => {
      const a = attrsOf(attrs);
      const chunks = chunksFor(x.shape[0], a.filterShape);
      const partial = runProgram(backend, filterGradProgram(x.shape as Shape4, dy.shape as Shape4, a.filterShape, chunks, a), [x, dy]);
      const summed = runProgram(backend, chunkSumProgram(chunks, a.filterShape), [partial]);
      (backend as tf.WebGPUBackend).disposeData(partial.dataId);
      return summed;
    }),
  },
  {
    kernelName: 'NetcActivationGrad',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { dy, y }, backend, attrs }) => runProgram(backend, activationGradProgram(dy.shape, attrsOf(attrs).activation), [dy, y])),
  },
  {
    kernelName: 'NetcChannelSum',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x }, backend }) => {
      const shape = x.shape as Shape4;
      const chunks = Math.max(1, Math.min(1024, Math.ceil((shape[0] * shape[1] * shape[2]) / 256)));
      const partial = runProgram(backend, channelSumProgram(shape, chunks), [x]);
      const summed = runProgram(backend, chunkSumProgram(chunks, [shape[3]]), [partial]);
      (backend as tf.WebGPUBackend).disposeData(partial.dataId);
      return summed;
    }),
  },
];
