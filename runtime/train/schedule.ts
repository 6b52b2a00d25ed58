// Learning-rate schedules, evaluated per epoch (as PyTorch's CosineAnnealingLR / StepLR stepped each epoch).

export type ScheduleKind = 'constant' | 'cosine' | 'step';
export const scheduleChoices: ScheduleKind[] = ['constant', 'cosine', 'step'];

export interface Schedule {
  kind: ScheduleKind;
  lr: number;
  epochs: number;
  /** step: multiply by `gamma` every `stepSize` epochs. */
  stepSize: number;
  gamma: number;
}

/** The learning rate for 0-based `epoch`. */
export function learningRate(s: Schedule, epoch: number): number {
  switch (s.kind) {
    case 'constant':
      return s.lr;
    case 'cosine':
      return (s.lr * (1 + Math.cos((Math.PI * epoch) / Math.max(1, s.epochs)))) / 2;
    case 'step':
      return s.lr * s.gamma ** Math.floor(epoch / Math.max(1, s.stepSize));
  }
}
