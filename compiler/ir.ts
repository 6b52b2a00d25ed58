// The checked IR: a flat, topologically ordered graph of layers with shapes and parameters — plain JSON.
import type { Attrs, InitKind, ParamLayout, Shape } from './ops/op_spec.js';

/**
 * 2: every parameter carries its weight-layout tag (`layout`), and constant inits their `value`.
 * 3: nodes carry training rules (`training`: frozen, new, lr/decay multipliers) and the IR `frozenParams`.
 */
export const IR_VERSION = 3;

export interface IrParam {
  /** Label path + role, e.g. `stage2.1.conv1.weight`; stable and unique. */
  name: string;
  /** PyTorch's layout (conv [out, in/groups, kh, kw], dense [out, in]). */
  shape: number[];
  /** false for buffers (BatchNorm running statistics). */
  trainable: boolean;
  init: InitKind;
  fanIn?: number;
  /** The fill value of a `constant` init. */
  value?: number;
  /** How the runtime and exporters reorder it (compiler/ops/op_spec.ts, ParamLayout). */
  layout: ParamLayout;
}

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export interface IrNode {
  /** Unique path, e.g. `stage2.0.conv1`; `input` for the network input. */
  name: string;
  /** A registry layer (`conv`, `relu`, …) or a structural op (`input`, `add`, `concat`, `scale`). */
  op: string;
  /** The runtime lowers it in runtime/ops/<family>.ts. */
  family: string;
  /** Names of the nodes it reads, in order (scale: [input, gate]). */
  inputs: string[];
  /** Every attribute resolved: defaults filled in, int2 values as [h, w]. */
  attrs: Attrs;
  /** Output shape per example: [C, H, W] or [F]. */
  shape: Shape;
  params: IrParam[];
  /** Multiply-accumulates per example (conv and dense). */
  macs: number;
  /** Path of the scope it belongs to ('' at the network's top level). */
  scope: string;
  source: SourceRef;
  /** How training treats it (compiler/training_rules.ts); absent: trainable, copied by --init-from, ×1 rates. */
  training?: NodeTraining;
}

export interface NodeTraining {
  /** `freeze`: its parameters are not updated. */
  frozen?: boolean;
  /** A frozen batchnorm: 'fixed' uses its running statistics while training (Keras's trainable=False); 'batch'
   *  keeps batch statistics and updates them (PyTorch's requires_grad=False). */
  statistics?: 'fixed' | 'batch';
  /** `new`: --init-from never copies its parameters (a replaced head, a layer whose shape changed). */
  fresh?: boolean;
  /** Learning-rate and weight-decay multipliers (Caffe's lr_mult/decay_mult). */
  lrMult?: number;
  decayMult?: number;
}

/** A named scope: a block instance, a labeled statement, a concat branch or a shortcut. */
export interface IrScope {
  path: string;
  kind: 'block' | 'label' | 'branch' | 'shortcut';
  /** The block's name (for kind 'block'), otherwise the label. */
  name: string;
  source: SourceRef;
}

export type IrValue = number | boolean | string | IrValue[];

export interface Ir {
  irVersion: typeof IR_VERSION;
  network: string;
  file: string;
  /** The network's parameters as used (defaults and overrides). */
  args: Record<string, IrValue>;
  input: Shape;
  nodes: IrNode[];
  /** Name of the node whose output is the network's output. */
  output: string;
  scopes: IrScope[];
  /** Learnable parameters, as PyTorch's `sum(p.numel() for p in net.parameters())`. */
  totalParams: number;
  /** Learnable parameters not frozen (PyTorch's requires_grad); totalParams − frozenParams. */
  trainableParams: number;
  /** Learnable parameters of frozen layers. */
  frozenParams: number;
  /** Non-learnable state (BatchNorm running statistics). */
  bufferElements: number;
  /** Multiply-accumulates per example. */
  macs: number;
  /** Float32 bytes of every node's output for one example (forward activations). */
  activationBytes: number;
}
