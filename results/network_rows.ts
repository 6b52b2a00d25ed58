// One row of the results table per recipe, read from its run directory alone (result.json + metrics.jsonl).
import { join } from 'node:path';
import type { Recipe } from './recipes.js';
import { bestEpoch, medianImagesPerSec, readEpochs, readFailure, readResult, trainingMinutes, type EpochRecord, type FailureRecord, type ResultRecord } from './run_record.js';

export interface NetworkRow {
  recipe: Recipe;
  result?: ResultRecord;
  /** Without a result: why its last attempt failed, if it did. */
  failure?: FailureRecord;
  epochs: EpochRecord[];
  /** Final-epoch test accuracy (with --val-split: netc's finalTestAccuracy, the test split evaluated once). */
  final?: number;
  /** With --val-split: the epochs' accuracies (and best) are on the validation split. */
  validation: boolean;
  best?: { epoch: number; accuracy: number };
  minutes?: number;
  imagesPerSec?: number;
}

export function networkRow(recipe: Recipe, runsDir: string): NetworkRow {
  const dir = join(runsDir, recipe.name);
  const result = readResult(dir);
  if (!result) return { recipe, epochs: [], validation: false, failure: readFailure(dir) };
  const epochs = readEpochs(dir);
  return {
    recipe,
    result,
    epochs,
    final: result.netc.finalTestAccuracy ?? epochs.at(-1)?.testAccuracy ?? result.netc.testAccuracy,
    validation: result.netc.evalSplit === 'validation',
    best: bestEpoch(epochs),
    minutes: trainingMinutes(epochs),
    imagesPerSec: medianImagesPerSec(epochs) ?? result.netc.imagesPerSec,
  };
}

/** "28×28", "224×224 (--resize)": the size the network trained at. */
export function inputText(row: NetworkRow): string {
  const input = row.result?.input;
  if (!input) return row.recipe.resize ? `${row.recipe.resize}×${row.recipe.resize}` : '—';
  const [, h, w] = input.length === 3 ? input : [1, 28, 28];
  return `${h}×${w}${row.recipe.resize ? ' (resized)' : ''}`;
}

/** "10", "2 × 15,000 images": epochs, and the images per epoch when --limit cut them. */
export function epochsText(r: Recipe): string {
  return r.limit === undefined ? String(r.epochs) : `${r.epochs} × ${r.limit.toLocaleString('en-US')} images`;
}
