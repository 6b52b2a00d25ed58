// Learning-rate schedules: constant, cosine and step per epoch (PyTorch's CosineAnnealingLR / StepLR stepped each
// epoch), and one-cycle per batch (PyTorch's OneCycleLR: cosine anneal, two phases, stepped after every batch).

export type ScheduleKind = 'constant' | 'cosine' | 'step' | 'onecycle';
export const scheduleChoices: ScheduleKind[] = ['constant', 'cosine', 'step', 'onecycle'];

export interface Schedule {
  kind: ScheduleKind;
  /** The rate (onecycle: its peak, OneCycleLR's max_lr). */
  lr: number;
  epochs: number;
  /** step: multiply by `gamma` every `stepSize` epochs. */
  stepSize: number;
  gamma: number;
}

/** OneCycleLR's defaults (torch.optim.lr_scheduler, PyTorch 1.13): netc uses them as they are. */
export const oneCycle = { pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 } as const;

/** True when the rate changes within an epoch (so it is evaluated per step). */
export function perStep(s: Schedule): boolean {
  return s.kind === 'onecycle';
}

/** OneCycleLR's rate at 0-based `step` of `total` (anneal_strategy 'cos', three_phase False), as torch computes it. */
export function oneCycleRate(maxLr: number, step: number, total: number): number {
  const initial = maxLr / oneCycle.divFactor;
  const min = initial / oneCycle.finalDivFactor;
  const cos = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  // torch's phases: warm up to float(pct_start * total) - 1, then anneal to total - 1; the second starts where the first ends.
  const warmEnd = oneCycle.pctStart * total - 1;
  if (step <= warmEnd) return cos(initial, maxLr, warmEnd === 0 ? 0 : step / warmEnd);
  return cos(maxLr, min, (step - warmEnd) / (total - 1 - warmEnd));
}

/** The learning rate for 0-based `epoch` (per-step schedules: at its first step). */
export function learningRate(s: Schedule, epoch: number, step = 0, stepsPerEpoch = 1): number {
  switch (s.kind) {
    case 'constant':
      return s.lr;
    case 'cosine':
      return (s.lr * (1 + Math.cos((Math.PI * epoch) / Math.max(1, s.epochs)))) / 2;
    case 'step':
      return s.lr * s.gamma ** Math.floor(epoch / Math.max(1, s.stepSize));
    case 'onecycle':
      return oneCycleRate(s.lr, epoch * stepsPerEpoch + step, s.epochs * stepsPerEpoch);
  }
}
