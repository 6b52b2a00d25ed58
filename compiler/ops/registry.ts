// The layer registry: name -> op entry. Adding a layer means adding an entry here, never a keyword
// (docs/architecture.md, "Adding a layer", lists everything an entry needs).
import type { OpSpec } from './op_spec.js';
import { conv } from './conv.js';
import { convTranspose } from './conv_transpose.js';
import { maxpool, avgpool, globalAvgpool, adaptiveAvgpool } from './pool.js';
import { dense } from './dense.js';
import { batchnorm, layernorm, groupnorm, lrn } from './norm.js';
import { layerscale } from './layerscale.js';
import { relu, sigmoid, tanh, softmax, identity, relu6, leakyRelu, elu, silu, gelu, hardswish, hardsigmoid, mish } from './act.js';
import { flatten } from './reshape.js';
import { slice } from './slice.js';
import { upsample } from './upsample.js';
import { dropout, stochasticDepth } from './dropout.js';
import { channelShuffle } from './shuffle.js';

/** In the order of docs/language.md's layer table. */
const all: OpSpec[] = [
  conv, convTranspose, maxpool, avgpool, globalAvgpool, adaptiveAvgpool, flatten, dense, dropout, stochasticDepth,
  batchnorm, layernorm, groupnorm, lrn, layerscale,
  relu, sigmoid, tanh, relu6, leakyRelu, elu, silu, gelu, hardswish, hardsigmoid, mish, softmax, identity,
  channelShuffle, slice, upsample,
];

export const layerRegistry: ReadonlyMap<string, OpSpec> = new Map(all.map((op) => [op.name, op]));

/** Structural ops the compiler emits itself (not callable): their runtime family. */
export const structuralOps = { input: 'merge', add: 'merge', concat: 'merge', scale: 'merge' } as const;
