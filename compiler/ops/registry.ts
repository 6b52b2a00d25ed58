// The layer registry: name -> op entry. Adding a layer means adding an entry here, never a keyword.
import type { OpSpec } from './op_spec.js';
import { conv } from './conv.js';
import { maxpool, avgpool, globalAvgpool } from './pool.js';
import { dense } from './dense.js';
import { batchnorm, lrn } from './norm.js';
import { relu, sigmoid, tanh, softmax, identity } from './act.js';
import { flatten } from './reshape.js';
import { dropout } from './dropout.js';
import { channelShuffle } from './shuffle.js';

const all: OpSpec[] = [conv, maxpool, avgpool, globalAvgpool, flatten, dense, dropout, batchnorm, lrn, relu, sigmoid, tanh, softmax, identity, channelShuffle];

export const layerRegistry: ReadonlyMap<string, OpSpec> = new Map(all.map((op) => [op.name, op]));

/** Structural ops the compiler emits itself (not callable): their runtime family. */
export const structuralOps = { input: 'merge', add: 'merge', concat: 'merge', scale: 'merge' } as const;
