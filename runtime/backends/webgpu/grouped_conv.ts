// Grouped convolution on WebGPU: the kernels `NetcGroupedConv2D`, `NetcGroupedConv2DBackpropInput` and
// `NetcGroupedConv2DBackpropFilter` (the op, its gradient and the cpu reference: runtime/ops/grouped_conv.ts),
// each one dispatch over all groups (the filter gradient a second, small one that sums its partials). tfjs
// has no grouped conv2d; split → conv2d per group → concat costs a dispatch and a copy per group and runs
// ResNeXt's 32-group convolutions as 96 small kernels a step. The shaders: grouped_conv_programs.ts.
import type * as tf from '../../tfjs.js';
import { kernel, runProgram, type Shape4 } from './program.js';
import { chunkSumProgram, filterGradChunks, filterGradProgram, forwardProgram, geometryOf, inputGradProgram, type GroupedConvAttrs } from './grouped_conv_programs.js';

type Attrs = GroupedConvAttrs & { inputShape: Shape4; filterShape: Shape4 };
const attrsOf = (attrs: tf.NamedAttrMap | undefined) => attrs as unknown as Attrs;

/** The channel counts must split evenly into the groups; a mismatch is a bug in the caller, said plainly. */
function checkGroups(kernelName: string, inC: number, [, , cg, outC]: number[], groups: number): void {
  if (!(groups >= 1) || inC !== cg * groups || outC % groups !== 0)
    throw new Error(`${kernelName}: ${inC} input channels and a filter [.., .., ${cg}, ${outC}] do not split into ${groups} groups`);
}

/** The grouped conv's kernels on WebGPU (registered by register_kernels.ts). */
export const groupedConvKernels: tf.KernelConfig[] = [
  {
    kernelName: 'NetcGroupedConv2D',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x, filter }, backend, attrs }) => {
      const a = attrsOf(attrs);
      checkGroups('NetcGroupedConv2D', x.shape[3], filter.shape, a.groups);
      return runProgram(backend, forwardProgram(x.shape as Shape4, filter.shape as Shape4, a), [x, filter]);
    }),
  },
  {
    kernelName: 'NetcGroupedConv2DBackpropInput',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { dy, filter }, backend, attrs }) => {
      const a = attrsOf(attrs);
      checkGroups('NetcGroupedConv2DBackpropInput', a.inputShape[3], filter.shape, a.groups);
      return runProgram(backend, inputGradProgram(dy.shape as Shape4, filter.shape as Shape4, a.inputShape, a), [dy, filter]);
    }),
  },
  {
    kernelName: 'NetcGroupedConv2DBackpropFilter',
    backendName: 'webgpu',
    kernelFunc: kernel(({ inputs: { x, dy }, backend, attrs }) => {
      const a = attrsOf(attrs);
      checkGroups('NetcGroupedConv2DBackpropFilter', x.shape[3], a.filterShape, a.groups);
      const { chunks } = filterGradChunks(geometryOf(x.shape as Shape4, a.filterShape, a));
      const partial = runProgram(backend, filterGradProgram(x.shape as Shape4, dy.shape as Shape4, a.filterShape, a), [x, dy]);
      const summed = runProgram(backend, chunkSumProgram(chunks, a.filterShape), [partial]);
      (backend as tf.WebGPUBackend).disposeData(partial.dataId);
      return summed;
    }),
  },
];
