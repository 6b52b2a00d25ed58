// Average pooling whose windows tile the input (stride = kernel, no padding, sizes divisible) on WebGPU: the
// kernels `NetcTiledAvgPool` and `NetcTiledAvgPoolGrad` (the op, its rule and gradient: ../tiled_pool.ts). On
// a software driver tfjs's general pooling gradient takes ~40 ms for LeNet's first pool at batch 256; with
// tiling windows every input pixel belongs to exactly one window, so the gradient is a copy of dy / (kh·kw).
import type * as tf from '../../tfjs.js';
import { kernel, program, runProgram, type Program, type Shape4 } from './program.js';

/** Channels are read 4 at a time where they allow (one 16-byte load). */
const widthOf = (channels: number) => (channels % 4 === 0 ? 4 : 1);

/** What both programs derive from the input shape and window: output size, vector width and type, vectors per pixel. */
function layoutOf([, h, w, c]: Shape4, [kh, kw]: [number, number]) {
  const width = widthOf(c);
  return { oh: h / kh, ow: w / kw, width, cv: c / width, t: width === 4 ? 'vec4<f32>' : 'f32' };
}

function forwardProgram([n, h, w, c]: Shape4, [kh, kw]: [number, number]): Program {
  const { oh, ow, width, cv, t } = layoutOf([n, h, w, c], [kh, kw]);
  const size = n * oh * ow * cv;
  const taps: string[] = [];
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) taps.push(`x[base + ${(y * w + x) * cv}]`);
  const body = [
    `  if (index < ${size}) {`,
    `    let ch = index % ${cv}; var r = index / ${cv}; let ox = r % ${ow}; r = r / ${ow}; let oy = r % ${oh}; let b = r / ${oh};`,
    `    let base = ((b * ${h} + oy * ${kh}) * ${w} + ox * ${kw}) * ${cv} + ch;`,
    `    result[index] = (${taps.join(' + ')}) * ${t}(${1 / (kh * kw)});`,
    `  }`,
  ].join('\n');
  return { ...program(`tiled_avgpool_${n},${h},${w},${c}_${kh},${kw}`, ['x'], [n, oh, ow, c], size, body), outputComponent: width, variableComponents: [width] };
}

function gradProgram([n, h, w, c]: Shape4, [kh, kw]: [number, number]): Program {
  const { oh, ow, width, cv, t } = layoutOf([n, h, w, c], [kh, kw]);
  const size = n * h * w * cv;
  const body = [
    `  if (index < ${size}) {`,
    `    let ch = index % ${cv}; var r = index / ${cv}; let ix = r % ${w}; r = r / ${w}; let iy = r % ${h}; let b = r / ${h};`,
    `    result[index] = dy[((b * ${oh} + iy / ${kh}) * ${ow} + ix / ${kw}) * ${cv} + ch] * ${t}(${1 / (kh * kw)});`,
    `  }`,
  ].join('\n');
  return { ...program(`tiled_avgpool_grad_${n},${h},${w},${c}_${kh},${kw}`, ['dy'], [n, h, w, c], size, body), outputComponent: width, variableComponents: [width] };
}

const kernelSize = (attrs: tf.NamedAttrMap | undefined) => (attrs as unknown as { kernel: [number, number] }).kernel;

/** The tiled pool's kernels on WebGPU (registered by register_kernels.ts). */
export const tiledPoolKernels: tf.KernelConfig[] = [
  {
    kernelName: 'NetcTiledAvgPool',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x }, backend, attrs }) => runProgram(backend, forwardProgram(x.shape as Shape4, kernelSize(attrs)), [x])),
  },
  {
    kernelName: 'NetcTiledAvgPoolGrad',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { dy, x }, backend, attrs }) => runProgram(backend, gradProgram(x.shape as Shape4, kernelSize(attrs)), [dy])),
  },
];
