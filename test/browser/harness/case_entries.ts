// The op comparison's cases, as plain data both the page and the Node-side test list (no tfjs here).
import { caseLabel, layerCases } from '../../helpers/layer_cases.js';

export interface CaseEntry {
  index: number;
  op: string;
  label: string;
  training: boolean;
}

/** Every case to compare: each registry layer case in eval, and in training where the case says. */
export const caseEntries = (): CaseEntry[] =>
  layerCases.flatMap((c, index) => (c.training ? [false, true] : [false]).map((training) => ({ index, op: c.op, label: caseLabel(c), training })));

