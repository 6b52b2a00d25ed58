// Checks made before the first epoch, so a run that cannot work stops at once with the flag named: a learning
// rate or weight decay that float32 cannot hold, a batch larger than the training split, an empty split.
import { DataError } from '../errors.js';
import type { Dataset, Split } from '../platform/idx_files.js';
import { parameterMultipliers } from './training_state.js';
import type { TrainConfig } from './trainer.js';

const FLOAT32_MAX = 3.4028234663852886e38;

/** An empty split is an error naming the data and the split ("test", "validation" or "training"). */
export function requireImages(split: Split, name: string, data: Dataset): void {
  if (split.count > 0) return;
  const where = data.valSplit ? ` (--val-split ${data.valSplit.fraction})` : '';
  throw new DataError(`${data.dir}: the ${name} split is empty (0 images${where}); nothing to ${name === 'training' ? 'train on' : 'evaluate'}`);
}

export function checkTrainConfig(c: TrainConfig): void {
  const maxMult = Math.max(1, ...parameterMultipliers(c.ir).map((m) => m.lrMult));
  const float32 = (flag: string, value: number) => {
    if (!Number.isFinite(Math.fround(value))) throw new DataError(`${flag} ${value} overflows float32 (the largest value is ${FLOAT32_MAX.toPrecision(5)}), which training computes in`);
  };
  float32('--lr', c.schedule.lr);
  if (maxMult > 1) float32(`--lr ${c.schedule.lr} × the largest --lr-mult (${maxMult}) =`, c.schedule.lr * maxMult);
  float32('--weight-decay', c.optimizer.weightDecay);
  requireImages(c.data.train, 'training', c.data);
  requireImages(c.data.test, c.data.evalSplit, c.data);
  if (c.batch > c.data.train.count) {
    throw new DataError(`--batch ${c.batch} is larger than the training split (${c.data.train.count} images of ${c.data.dir}); use --batch ${c.data.train.count} or less`);
  }
}
