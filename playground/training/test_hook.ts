// What the browser tests read from the page (window.netcTraining): the steps the panel saw, with
// tf.memory().numTensors at each, the backend, timings and accuracies. Only what the tests must check.
export interface StepRecord {
  epoch: number;
  done: number;
  total: number;
  loss: number;
  accuracy: number;
  imagesPerSec: number;
  numTensors: number;
}

export interface TrainingHook {
  backend?: string;
  state: string;
  /** ms from pressing Train to the session built (run() called), and to the first step's read-back. */
  sessionMs?: number;
  firstStepMs?: number;
  /** ms the last warm-up took (backend, data, one throwaway step), and whether Train found one done for its run. */
  warmMs?: number;
  warm?: boolean;
  /** `network|batch` the last finished warm-up was for. */
  warmedFor?: string;
  steps: StepRecord[];
  epochs: { epoch: number; testAccuracy: number }[];
  /** The test accuracy the panel shows now (after an epoch, a stop or a weights load). */
  testAccuracy?: number;
  /** Test accuracy right after weights were loaded from a file. */
  loadedAccuracy?: number;
  error?: string;
}

export function trainingHook(): TrainingHook {
  const w = window as unknown as { netcTraining?: TrainingHook };
  w.netcTraining ??= { state: 'idle', steps: [], epochs: [] };
  return w.netcTraining;
}
