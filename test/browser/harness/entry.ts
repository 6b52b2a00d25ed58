// The harness page's script: netc's runtime in the browser, driven by the browser tests through
// window.netcHarness (page.evaluate). Bundled by build_harness.ts with the browser's tfjs engine.
import * as tf from '../../../runtime/tfjs.js';
import { startBrowserBackend } from '../../../runtime/backends/browser_backend.js';
import { compareCase } from './op_compare.js';
import { caseEntries } from './case_entries.js';
import { loadFashion, type Images } from './fashion_batches.js';
import { trainSteps, type TrainOptions } from './train_steps.js';

let images: Promise<Images> | undefined;

export const harness = {
  startBrowserBackend,
  caseEntries,
  compareCase,
  /** Trains on the first 4,096 Fashion-MNIST training images the build wrote next to the page. */
  async train(options: TrainOptions) {
    return trainSteps(await (images ??= loadFashion('./data/', 4096)), options);
  },
  tf,
  backend: () => tf.getBackend(),
  numTensors: () => tf.memory().numTensors,
};

(globalThis as unknown as { netcHarness: typeof harness }).netcHarness = harness;
document.getElementById('status')!.textContent = 'ready';
