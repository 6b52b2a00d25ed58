// The options each training directive takes, their meaning and their checks (shared by resolve and expand).

export interface DirectiveOption {
  doc: string;
  /** What the value must be, checked after evaluation: undefined if it is fine, else what was expected. */
  check: (value: unknown) => string | undefined;
}

const nonNegative = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a number ≥ 0');

export const directiveOptions: Record<'freeze' | 'train' | 'new', Record<string, DirectiveOption>> = {
  freeze: {
    batchnorm: {
      doc: '"fixed" (default): batchnorm uses its running statistics while the rest trains; "batch": batch statistics, updated as PyTorch does under requires_grad=False',
      check: (v) => (v === 'fixed' || v === 'batch' ? undefined : '"fixed" or "batch"'),
    },
  },
  train: {
    lr: { doc: "learning-rate multiplier (Caffe's lr_mult)", check: nonNegative },
    decay: { doc: "weight-decay multiplier (Caffe's decay_mult)", check: nonNegative },
  },
  new: {},
};
