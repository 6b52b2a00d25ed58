// Op family -> lowering table; every op the compiler's registry knows must be here (test/runtime/layer_registry.test.ts).
import type { LoweringTable, Lowering } from './lowering.js';
import { convLowerings } from './conv.js';
import { poolLowerings } from './pool.js';
import { denseLowerings } from './dense.js';
import { normLowerings } from './norm.js';
import { actLowerings } from './act.js';
import { reshapeLowerings } from './reshape.js';
import { dropoutLowerings } from './dropout.js';
import { shuffleLowerings } from './shuffle.js';
import { mergeLowerings } from './merge.js';
import { resizeLowerings } from './resize.js';

export const loweringsByFamily: Record<string, LoweringTable> = {
  conv: convLowerings,
  pool: poolLowerings,
  dense: denseLowerings,
  norm: normLowerings,
  act: actLowerings,
  reshape: reshapeLowerings,
  dropout: dropoutLowerings,
  shuffle: shuffleLowerings,
  merge: mergeLowerings,
  resize: resizeLowerings,
};

export function loweringFor(family: string, op: string): Lowering | undefined {
  return loweringsByFamily[family]?.[op];
}
