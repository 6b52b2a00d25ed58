// The run's best epoch: the highest evaluation accuracy over every epoch of the run (a resumed run's history
// includes the epochs before the resume); the first of equal ones, as model selection would keep it.
import type { EpochPoint } from './curves_svg.js';

export interface BestEpoch {
  epoch: number;
  accuracy: number;
}

export function bestEpoch(history: readonly EpochPoint[]): BestEpoch | undefined {
  let best: BestEpoch | undefined;
  for (const h of history) if (best === undefined || h.testAccuracy > best.accuracy) best = { epoch: h.epoch, accuracy: h.testAccuracy };
  return best;
}
