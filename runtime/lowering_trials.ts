// Measured choices: where rules cannot know which lowering is faster, time the candidates on the running
// backend once (a few forward+backward passes at the real batch size) and cache the winner on disk per
// (backend, adapter, op signature) in a TrialStore (trial_store.ts: on disk in Node, in memory in a browser). Today: a conv with one input channel can run as conv2d or as a depthwise
// conv with a channel multiplier (the same filter, read as [kh, kw, 1, out]) — on WebGPU the depthwise form is
// several times faster for LeNet's first layer, on wasm several times slower; and on WebGPU a conv with a
// small filter can run on netc's direct kernels (runtime/backends/webgpu/direct_conv.ts), several times
// faster than tfjs's on a software driver, which a hardware GPU may not be; on wasm netc's direct kernels
// (wasm/kernels/convolution.ts) beat XNNPACK where few channels fill its tiles badly (LeNet's first conv: 2 vs 6 ms).
import * as tf from './tfjs.js';
import type { Ir, IrNode } from '../compiler/ir.js';
import { directConv2d } from './backends/direct_conv.js';
import { directConvFits } from './backends/webgpu/direct_conv.js';
import { wasmDirectConvFits } from './backends/wasm/kernels/convolution.js';
import type { ConvForm, TrialEntry } from './platform/trial_cache.js';
import { defaultTrialStore, type TrialStore } from './trial_store.js';

export type { ConvForm };

export interface TrialResult {
  choice: ConvForm;
  /** Median milliseconds of forward + backward for each candidate measured. */
  ms: Partial<Record<ConvForm, number>>;
  cached: boolean;
}

const oneInputChannel = (node: IrNode, input: number[]) => input[0] === 1 && (node.attrs.channels as number) > 1;

/** The forms a conv layer may take on the current backend; more than one means it is measured. */
export function candidateForms(node: IrNode, input: number[], backend = tf.getBackend()): ConvForm[] {
  if (node.op !== 'conv' || (node.attrs.groups as number) !== 1) return [];
  const forms: ConvForm[] = ['conv2d'];
  if (oneInputChannel(node, input)) forms.push('depthwise');
  const [kh, kw] = node.attrs.kernel as number[];
  const undilated = (node.attrs.dilation as number[]).every((d) => d === 1);
  const filter = [kh, kw, input[0], node.attrs.channels as number];
  if (undilated && ((backend === 'webgpu' && directConvFits(filter)) || (backend === 'wasm' && wasmDirectConvFits(filter)))) forms.push('direct');
  return forms.length > 1 ? forms : [];
}

/** Conv layers whose lowering is decided by measurement. */
export function trialCandidates(ir: Ir, backend = tf.getBackend()): IrNode[] {
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  return ir.nodes.filter((n) => candidateForms(n, shapes.get(n.inputs[0])!, backend).length > 0);
}

async function medianMs(run: () => Promise<void>, repeats = 3): Promise<number> {
  await run(); // compile shaders / warm caches
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

async function measure(node: IrNode, inputShape: number[], batch: number, candidates: ConvForm[], firstLayer: boolean): Promise<Partial<Record<ConvForm, number>>> {
  const [c, h, w] = inputShape;
  const [kh, kw] = node.attrs.kernel as number[];
  const [ph, pw] = node.attrs.pad as number[];
  const strides = node.attrs.stride as [number, number];
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
  const x = tf.randomUniform([batch, h, w, c], 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomUniform([kh, kw, c, node.attrs.channels as number], -0.2, 0.2, 'float32', 2) as tf.Tensor4D;
  const forms: Record<ConvForm, (input: tf.Tensor4D, weights: tf.Tensor4D) => tf.Tensor> = {
    conv2d: (input, weights) => tf.conv2d(input, weights, strides, pad),
    depthwise: (input, weights) => tf.depthwiseConv2d(input, weights, strides, pad),
    direct: (input, weights) => directConv2d(input, weights, undefined, { strides, pad: [ph, pw], activation: 'linear' }),
  };
  const ms: Partial<Record<ConvForm, number>> = {};
  for (const form of candidates) {
    const loss = (input: tf.Tensor, weights: tf.Tensor) => tf.sum(forms[form](input as tf.Tensor4D, weights as tf.Tensor4D));
    ms[form] = await medianMs(async () => {
      // A later layer's input gradient is part of its cost; the first layer never computes one.
      const grads = firstLayer ? [tf.grad((weights: tf.Tensor) => loss(x, weights))(filter)] : tf.grads(loss)([x, filter]);
      await Promise.all(grads.map((g) => g.data()));
      tf.dispose(grads);
    });
  }
  tf.dispose([x, filter]);
  return ms;
}

/** How runTrials reports a damaged cache (once per read); the default writes one line on stderr (the console). */
export type TrialWarning = (message: string) => void;
const warnOnStderr: TrialWarning = (message) => console.warn(`netc: warning: ${message}`);

/** Decides each candidate conv's form on the current backend, from the store or by measuring. */
export async function runTrials(ir: Ir, adapter: string, batch: number, store: TrialStore = defaultTrialStore(), warn: TrialWarning = warnOnStderr): Promise<Map<string, TrialResult>> {
  const results = new Map<string, TrialResult>();
  const candidates = trialCandidates(ir);
  if (candidates.length === 0) return results;
  // A damaged cache costs a measurement, never a run: bad entries are dropped with a warning and the file rewritten.
  const { entries: cache, problem } = store.read();
  if (problem) warn(`${store.name}: ${problem}; measuring again and rewriting it`);
  const measured = new Map<string, TrialEntry>();
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  for (const node of candidates) {
    const input = shapes.get(node.inputs[0])!;
    const forms = candidateForms(node, input);
    const key = `${tf.getBackend()}|${adapter}|conv ${batch}×${input.join('×')} -> ${node.attrs.channels} k${node.attrs.kernel} s${node.attrs.stride} p${node.attrs.pad} d${node.attrs.dilation}|${forms.join(',')}${node.inputs[0] === 'input' ? '|first' : ''}`;
    const hit = cache.get(key);
    if (hit) {
      results.set(node.name, { ...hit, cached: true });
      continue;
    }
    const ms = await measure(node, input, batch, forms, node.inputs[0] === 'input');
    const entry = { choice: forms.reduce((best, form) => (ms[form]! < ms[best]! ? form : best)), ms };
    measured.set(key, entry);
    results.set(node.name, { ...entry, cached: false });
  }
  if (measured.size > 0 || problem) store.write(measured);
  return results;
}
