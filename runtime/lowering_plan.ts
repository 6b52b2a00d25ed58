// Chooses how each layer runs, from its shapes, the backend and the mode (train or eval), by rules:
// - conv/dense + bias + activation become one fused op (relu while training: tfjs differentiates only
//   linear and relu inside fused ops; relu or sigmoid in eval);
// - in eval, a batchnorm right after a conv or dense is folded into its weights and bias;
// - a conv reading the network's input is not fused while training: tfjs's fused conv computes the input
//   gradient too (a custom gradient), which the first layer never needs;
// - a conv measured faster on netc's direct kernels (runtime/lowering_trials.ts) runs there, with bias
//   and relu or sigmoid inside, in training too (netc's kernel has its own gradient, and skips the input
//   gradient nobody asks for);
// - in eval on wasm, a direct conv also averages the windows of a tiling avgpool right after its activation
//   (LeNet: the full-size feature map is never written);
// - an avgpool whose windows tile its input runs on netc's kernels (a copy for the gradient): on WebGPU as
//   its own op, on wasm inside tfjs's AvgPool kernel, which asks the same rule (`wasmTiledPoolRuns`).
// Which activations fuse where comes from the activation table (runtime/ops/activations.ts).
// (avgpool as reshape + mean was tried and dropped: 11× slower than the pooling kernel on WebGPU, and on
// wasm no faster than the pooling kernel with netc's AvgPoolGrad.)
// No choice changes results beyond float tolerance (test/runtime/lowering_plan.test.ts).
import type { Ir, IrNode } from '../compiler/ir.js';
import type { NodeLowering } from './ops/lowering.js';
import type { TrialResult } from './lowering_trials.js';
import { windowPadding } from './ops/pool.js';
import { activationTable, isActivation, type FusedActivation } from './ops/activations.js';
import { poolTiles } from './backends/tiled_pool.js';
import { wasmTiledPoolRuns } from './backends/wasm/kernels/pooling.js';
import { wasmKernelConfigs } from './backends/wasm/register_kernels.js';
import { webGpuKernelConfigs } from './backends/webgpu/register_kernels.js';

export type Mode = 'train' | 'eval';

export interface LoweringPlan {
  backend: string;
  mode: Mode;
  choices: Map<string, NodeLowering>;
}

const pairOf = (v: unknown) => v as [number, number];

/** An avgpool whose windows tile a conv's [c, h, w] output and hold at most 8 pixels (the direct wasm code's accumulators). */
function poolFitsDirectConv(pool: IrNode, [, h, w]: number[]): boolean {
  const [kh, kw] = pairOf(pool.attrs.kernel);
  return kh * kw <= 8 && poolTiles([kh, kw], pairOf(pool.attrs.stride), pairOf(pool.attrs.pad), [h, w]);
}

/**
 * The activations a conv/dense can apply inside its kernel: on netc's direct kernels (`directOn` the backend)
 * those with code for it; else tfjs's fused ops, which in training differentiate only some.
 */
function fusableActivations(mode: Mode, directOn: string | undefined): string[] {
  return Object.entries(activationTable)
    .filter(([, a]) => (directOn ? (directOn === 'wasm' ? a.direct?.wasm : a.direct) : mode === 'train' ? a.tfjsFused?.differentiable : a.tfjsFused))
    .map(([name]) => name);
}

function consumersOf(ir: Ir): Map<string, IrNode[]> {
  const consumers = new Map<string, IrNode[]>();
  for (const node of ir.nodes) for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  return consumers;
}

function convStrategy(node: IrNode, inChannels: number): string {
  const groups = node.attrs.groups as number;
  const dilated = pairOf(node.attrs.dilation).some((d) => d > 1) ? ' (filter dilated with zeros)' : '';
  if (groups === 1) return `conv2d${dilated}`;
  if (groups === inChannels) return `depthwise conv2d${dilated}`;
  return `grouped: split into ${groups} conv2d, concat${dilated}`;
}

/** `optimize: false` gives the plain lowering of every layer (the reference the optimized plan is tested against). */
/** The one filter tap a conv over a 1×1 input (with a 1×1 output) multiplies with data, if that is the case. */
function onlyTap(node: IrNode, input: number[]): [number, number] | undefined {
  const [kh, kw] = pairOf(node.attrs.kernel);
  const [ph, pw] = pairOf(node.attrs.pad);
  const dilated = pairOf(node.attrs.dilation).some((d) => d !== 1);
  const oneByOne = input[1] === 1 && input[2] === 1 && node.shape[1] === 1 && node.shape[2] === 1;
  if (!oneByOne || dilated || (kh === 1 && kw === 1) || ph >= kh || pw >= kw) return undefined;
  return [ph, pw];
}

export function planLowerings(ir: Ir, backend: string, mode: Mode, { optimize = true, trials = new Map<string, TrialResult>() } = {}): LoweringPlan {
  const choices = new Map<string, NodeLowering>();
  if (!optimize) {
    for (const node of ir.nodes) choices.set(node.name, { strategy: 'plain', reason: 'optimizations off' });
    return { backend, mode, choices };
  }
  const consumers = consumersOf(ir);
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  /** The only node reading `node`'s output, unless the output is also the network's output. */
  const soleConsumer = (node: IrNode) => {
    const list = consumers.get(node.name) ?? [];
    return list.length === 1 && node.name !== ir.output ? list[0] : undefined;
  };
  for (const node of ir.nodes) {
    if (choices.has(node.name)) continue; // already absorbed by an earlier node
    if (node.op === 'conv' || node.op === 'dense') {
      const inChannels = shapes.get(node.inputs[0])![0];
      const firstLayer = mode === 'train' && node.inputs[0] === 'input';
      const grouped = node.op === 'conv' && (node.attrs.groups as number) !== 1 && (node.attrs.groups as number) !== inChannels;
      const trial = trials.get(node.name);
      const direct = trial?.choice === 'direct';
      const unfusable = (firstLayer && !direct) || grouped;
      const depthwiseForm = trial?.choice === 'depthwise';
      // Only an ungrouped conv's tap is a [in, out] matrix (a depthwise filter's tap is [C, multiplier]).
      const centerTap = node.op === 'conv' && (node.attrs.groups as number) === 1 ? onlyTap(node, shapes.get(node.inputs[0])!) : undefined;
      let base = centerTap ? `matMul with filter tap [${centerTap.join(', ')}]` : direct ? `direct conv (netc ${backend === 'wasm' ? 'wasm SIMD' : 'WebGPU'} kernel)` : depthwiseForm ? 'depthwise conv2d (1 input channel, multiplier)' : node.op === 'conv' ? convStrategy(node, inChannels) : 'matMul';
      const choice: NodeLowering = { strategy: base, reason: 'default', fused: !unfusable, depthwiseForm, centerTap, direct };
      let next = soleConsumer(node);
      if (mode === 'eval' && next?.op === 'batchnorm') {
        choice.foldedNorm = next;
        choices.set(next.name, { strategy: `folded into ${node.name}`, reason: 'eval: batchnorm is an affine map of the output', absorbed: true });
        next = soleConsumer(next);
      }
      const fusable = fusableActivations(mode, direct ? backend : undefined);
      const fits = next && isActivation(next.op) && (direct || activationTable[next.op].tfjsFused?.fits?.(next.attrs) !== false);
      if (!unfusable && next && fits && fusable.includes(next.op)) {
        choice.activation = next.op as FusedActivation;
        choice.activationAttrs = next.attrs;
        choices.set(next.name, { strategy: `fused into ${node.name}`, reason: `${node.op} applies it in the same kernel`, absorbed: true });
      }
      const pool = choice.activation ? soleConsumer(next!) : next;
      if (mode === 'eval' && direct && backend === 'wasm' && pool?.op === 'avgpool' && poolFitsDirectConv(pool, node.shape)) {
        choice.pooled = pairOf(pool.attrs.kernel);
        choices.set(pool.name, { strategy: `fused into ${node.name}`, reason: 'eval: the conv averages each window as it writes, never storing the full-size map', absorbed: true });
      }
      if (!unfusable) {
        const parts = [base, node.attrs.bias || choice.foldedNorm ? 'bias' : '', choice.activation ?? '', choice.pooled ? 'avgpool' : ''].filter(Boolean);
        base = parts.length > 1 ? `fused ${parts.join(' + ')}` : base;
      }
      choice.strategy = choice.foldedNorm ? `${base}, ${choice.foldedNorm.name} folded in` : base;
      choice.reason = [
        centerTap ? `a ${node.attrs.kernel} kernel over a 1×1 input meets data only at one tap (${(node.attrs.kernel as number[]).reduce((a, b) => a * b, 1)}× fewer multiplies)` : '',
        trial ? `measured ${trial.cached ? '(cached)' : 'now'}: ${Object.entries(trial.ms).map(([form, ms]) => `${form} ${ms.toFixed(1)} ms`).join(', ')}` : '',
        direct ? `bias${choice.activation ? ` and ${choice.activation}` : ''} inside the kernel` : firstLayer ? 'not fused: a fused op would also compute the gradient of the input, which the first layer does not need' : grouped ? 'tfjs has no grouped conv2d' : `bias${choice.activation ? ` and ${choice.activation}` : ''} inside the ${node.op === 'conv' ? 'convolution' : 'matmul'} kernel`,
        choice.foldedNorm ? 'eval: batchnorm folded into weights' : '',
        !choice.activation && next && isActivation(next.op) ? `${next.op} not fusable ${mode === 'train' ? 'while training (tfjs differentiates only relu in fused ops)' : 'in tfjs fused ops'}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      choices.set(node.name, choice);
      continue;
    }
    if (node.op === 'avgpool' && (backend === 'webgpu' || backend === 'wasm')) {
      const [c, h, w] = shapes.get(node.inputs[0])!;
      const window = [pairOf(node.attrs.kernel), pairOf(node.attrs.stride), pairOf(node.attrs.pad)] as const;
      if (backend === 'webgpu' && poolTiles(...window, [h, w])) {
        choices.set(node.name, { strategy: 'tiled average (netc WebGPU kernel)', reason: 'the windows tile the input, so the gradient is a copy of dy / window size', tiledPool: true });
        continue;
      }
      // On wasm tfjs's AvgPool kernel itself hands tiling windows to netc's code: the lowering stays plain,
      // and pads explicitly first (runtime/ops/pool.ts: the padding and ceil mode's extra rows), so the kernel
      // sees the padded input and no padding.
      const [, [top, bottom], [left, right]] = windowPadding(node, [h, w]);
      if (backend === 'wasm' && wasmTiledPoolRuns(window[0], window[1], [0, 0], [h + top + bottom, w + left + right, c])) {
        choices.set(node.name, { strategy: 'tiled average (netc wasm SIMD kernel)', reason: "the windows tile the input: tfjs's AvgPool kernel runs netc's code, and the gradient is a copy of dy / window size" });
        continue;
      }
    }
    choices.set(node.name, { strategy: 'default', reason: '' });
  }
  return { backend, mode, choices };
}

/** The plan as a table for `--explain`. */
export function explainPlan(ir: Ir, plan: LoweringPlan): string {
  const rows = ir.nodes
    .filter((n) => n.op !== 'input')
    .map((n) => {
      const c = plan.choices.get(n.name)!;
      return [n.name, n.op, `[${n.shape.join(', ')}]`, c.strategy, c.reason];
    });
  const header = ['layer', 'op', 'output', `lowering (${plan.backend}, ${plan.mode})`, 'why'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line), ...kernelNote(plan.backend)].join('\n');
}

/**
 * Below the table: the tfjs kernels that run netc's code on this backend whatever the plan chose (each layer
 * reaches them through plain tfjs ops), so a "default" lowering is not mistaken for tfjs's own kernel.
 */
function kernelNote(backend: string): string[] {
  const wasm = (kind: 'wrap' | 'kernelFunc') => wasmKernelConfigs.filter((c) => kind in c && !c.kernelName.startsWith('Netc')).map((c) => c.kernelName);
  if (backend === 'wasm') {
    return [
      '',
      `netc's wasm code runs inside these tfjs kernels where its cases fit (tfjs's own code takes the rest): ${wasm('wrap').join(', ')}`,
      `and adds the ones tfjs-backend-wasm lacks: ${wasm('kernelFunc').join(', ')}`,
    ];
  }
  if (backend === 'webgpu') return ['', `netc's own WebGPU kernels (used only where a row above names them): ${webGpuKernelConfigs.map((c) => c.kernelName).join(', ')}`];
  return [];
}
