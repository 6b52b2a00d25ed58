// The best epoch: the highest evaluation accuracy, the first of equal ones, none for an empty history.
import test from 'ava';
import { bestEpoch } from '../../../runtime/train/best_epoch.js';

const point = (epoch: number, testAccuracy: number) => ({ epoch, trainLoss: 1, trainAccuracy: 0.5, testAccuracy });

test('the best of 0.81, 0.86, 0.84, 0.86 is epoch 2 (the first of the equal ones)', (t) => {
  t.deepEqual(bestEpoch([point(1, 0.81), point(2, 0.86), point(3, 0.84), point(4, 0.86)]), { epoch: 2, accuracy: 0.86 });
});

test('a resumed history starting at epoch 5 reports epoch numbers as recorded; empty is undefined', (t) => {
  t.deepEqual(bestEpoch([point(5, 0.5), point(6, 0.4)]), { epoch: 5, accuracy: 0.5 });
  t.is(bestEpoch([]), undefined);
});
