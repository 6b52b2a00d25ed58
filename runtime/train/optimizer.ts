// Optimizers with PyTorch's update rules and serializable state: sgd, momentum (SGD with momentum 0.9), adam.
// Weight decay is L2 added to the gradient (torch.optim's weight_decay).
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

/** Optimizer state: per-variable slots (momentum buffer, Adam moments) and the step count. */
export class Optimizer {
  step = 0;
  /** slot name -> one tensor per variable (same order as `variables`). */
  readonly slots = new Map<string, tf.Variable[]>();

  constructor(readonly config: OptimizerConfig, readonly variables: tf.Variable[]) {
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

  /** Applies one update with learning rate `lr`; disposes nothing it was given. */
  apply(grads: tf.NamedTensorMap | tf.Tensor[], lr: number): void {
    const list = Array.isArray(grads) ? grads : this.variables.map((v) => grads[v.name]);
    this.step++;
    const { kind, weightDecay, momentum, beta1, beta2, eps } = this.config;
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        let g = list[i];
        if (!g) return;
        if (weightDecay) g = tf.add(g, tf.mul(variable, weightDecay));
        if (kind === 'sgd') {
          variable.assign(tf.sub(variable, tf.mul(g, lr)));
        } else if (kind === 'momentum') {
          const buffer = this.slots.get('momentum')![i];
          // PyTorch: buf = μ·buf + g (buf = g on the first step); p -= lr·buf
          buffer.assign(this.step === 1 ? g : tf.add(tf.mul(buffer, momentum), g));
          variable.assign(tf.sub(variable, tf.mul(buffer, lr)));
        } else {
          const m = this.slots.get('m')![i];
          const v = this.slots.get('v')![i];
          m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
          v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const mHat = tf.div(m, 1 - beta1 ** this.step);
          const vHat = tf.div(v, 1 - beta2 ** this.step);
          variable.assign(tf.sub(variable, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), eps)), lr)));
        }
      });
    });
  }

  dispose(): void {
    for (const list of this.slots.values()) for (const v of list) v.dispose();
  }
}
