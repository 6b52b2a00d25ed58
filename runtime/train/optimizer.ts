// Optimizers with PyTorch's update rules and serializable state: sgd, momentum (SGD with momentum 0.9), adam.
// Weight decay is L2 added to the gradient (torch.optim's weight_decay). Parameter groups as torch.optim has
// them: each variable has its own learning-rate and weight-decay multipliers (Caffe's lr_mult/decay_mult) and
// its own step count, so a variable that was frozen starts Adam's bias correction and momentum's first-step
// buffer when it first updates, exactly as a PyTorch parameter whose state is created on its first step.
import * as tf from '../tfjs.js';

export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export const optimizerChoices: OptimizerKind[] = ['sgd', 'momentum', 'adam'];

export interface OptimizerConfig {
  kind: OptimizerKind;
  weightDecay: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export const defaultOptimizerConfig = (kind: OptimizerKind, weightDecay = 0): OptimizerConfig => ({
  kind,
  weightDecay,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
});

/** Per variable (same order as the optimizer's variables): learning-rate and weight-decay multipliers. */
export interface ParameterGroups {
  lrMult: number[];
  decayMult: number[];
}

/** Optimizer state: per-variable slots (momentum buffer, Adam moments) and step counts. */
export class Optimizer {
  /** Steps taken (calls of apply). */
  step = 0;
  /** Updates each variable has had (a frozen variable's count stands still). */
  readonly steps: number[];
  /** slot name -> one tensor per variable (same order as `variables`). */
  readonly slots = new Map<string, tf.Variable[]>();
  readonly groups: ParameterGroups;

  constructor(readonly config: OptimizerConfig, readonly variables: tf.Variable[], groups?: ParameterGroups) {
    this.groups = groups ?? { lrMult: variables.map(() => 1), decayMult: variables.map(() => 1) };
    if (this.groups.lrMult.length !== variables.length || this.groups.decayMult.length !== variables.length) throw new Error('parameter groups must cover every variable');
    this.steps = variables.map(() => 0);
    const slotNames = config.kind === 'momentum' ? ['momentum'] : config.kind === 'adam' ? ['m', 'v'] : [];
    for (const name of slotNames) {
      this.slots.set(
        name,
        variables.map((v) => {
          const zeros = tf.zerosLike(v);
          const slot = tf.variable(zeros, false);
          zeros.dispose(); // the variable holds its own reference
          return slot;
        }),
      );
    }
  }

  /** Applies one update with base learning rate `lr` to the variables that have a gradient; disposes nothing it was given. */
  apply(grads: tf.NamedTensorMap | tf.Tensor[], lr: number): void {
    const list = Array.isArray(grads) ? grads : this.variables.map((v) => grads[v.name]);
    this.step++;
    const { kind, weightDecay, momentum, beta1, beta2, eps } = this.config;
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        let g = list[i];
        if (!g) return; // frozen: no gradient, no update, no state change
        const step = ++this.steps[i];
        const rate = lr * this.groups.lrMult[i];
        const decay = weightDecay * this.groups.decayMult[i];
        if (decay) g = tf.add(g, tf.mul(variable, decay));
        if (kind === 'sgd') {
          variable.assign(tf.sub(variable, tf.mul(g, rate)));
        } else if (kind === 'momentum') {
          const buffer = this.slots.get('momentum')![i];
          // PyTorch: buf = μ·buf + g (buf = g on the parameter's first step); p -= lr·buf
          buffer.assign(step === 1 ? g : tf.add(tf.mul(buffer, momentum), g));
          variable.assign(tf.sub(variable, tf.mul(buffer, rate)));
        } else {
          const m = this.slots.get('m')![i];
          const v = this.slots.get('v')![i];
          m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
          v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const mHat = tf.div(m, 1 - beta1 ** step);
          const vHat = tf.div(v, 1 - beta2 ** step);
          variable.assign(tf.sub(variable, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), eps)), rate)));
        }
      });
    });
  }

  dispose(): void {
    for (const list of this.slots.values()) for (const v of list) v.dispose();
  }
}
