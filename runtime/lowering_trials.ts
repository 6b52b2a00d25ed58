// Measured choices: where rules cannot know which lowering is faster, time the candidates on the running
// backend once (a few forward+backward passes at the real batch size) and cache the winner on disk per
// (backend, adapter, op signature). Today: a conv with one input channel can run as conv2d or as a depthwise
// conv with a channel multiplier (the same filter, read as [kh, kw, 1, out]) — on WebGPU the depthwise form is
// several times faster for LeNet's first layer, on wasm several times slower.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tf from './tfjs.js';
import type { Ir, IrNode } from '../compiler/ir.js';

export type ConvForm = 'conv2d' | 'depthwise';

export interface TrialResult {
  choice: ConvForm;
  /** Median milliseconds of forward + backward for each candidate. */
  ms: Record<ConvForm, number>;
  cached: boolean;
}

export function trialCacheFile(): string {
  const base = process.env.NETC_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'netc');
  return join(base, 'lowering_trials.json');
}

function readCache(file: string): Record<string, Omit<TrialResult, 'cached'>> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Omit<TrialResult, 'cached'>>;
  } catch {
    return {};
  }
}

/** Best effort: a cache that cannot be written only means measuring again next time. */
function writeCache(file: string, cache: Record<string, unknown>): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp-${process.pid}`, JSON.stringify(cache, null, 1));
    renameSync(`${file}.tmp-${process.pid}`, file);
  } catch {
    // read-only home, full disk: fine
  }
}

/** Conv layers whose lowering is decided by measurement. */
export function trialCandidates(ir: Ir): IrNode[] {
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  return ir.nodes.filter((n) => n.op === 'conv' && shapes.get(n.inputs[0])![0] === 1 && (n.attrs.groups as number) === 1 && (n.attrs.channels as number) > 1);
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

async function measure(node: IrNode, inputShape: number[], batch: number): Promise<Record<ConvForm, number>> {
  const [, h, w] = inputShape;
  const [kh, kw] = node.attrs.kernel as number[];
  const [ph, pw] = node.attrs.pad as number[];
  const strides = node.attrs.stride as [number, number];
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
  const x = tf.randomUniform([batch, h, w, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
  const initial = tf.randomUniform([kh, kw, 1, node.attrs.channels as number], -0.2, 0.2, 'float32', 2);
  const filter = tf.variable(initial);
  initial.dispose(); // the variable keeps its own reference
  const forms: Record<ConvForm, () => tf.Tensor> = {
    conv2d: () => tf.conv2d(x, filter as tf.Tensor4D, strides, pad),
    depthwise: () => tf.depthwiseConv2d(x, filter as tf.Tensor4D, strides, pad),
  };
  const ms = {} as Record<ConvForm, number>;
  for (const [form, f] of Object.entries(forms) as [ConvForm, () => tf.Tensor][]) {
    ms[form] = await medianMs(async () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(f()), [filter]);
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
    });
  }
  tf.dispose([x, filter]);
  return ms;
}

/** Decides each candidate conv's form on the current backend, from the cache or by measuring. */
export async function runTrials(ir: Ir, adapter: string, batch: number, file = trialCacheFile()): Promise<Map<string, TrialResult>> {
  const results = new Map<string, TrialResult>();
  const candidates = trialCandidates(ir);
  if (candidates.length === 0) return results;
  const cache = readCache(file);
  const shapes = new Map(ir.nodes.map((n) => [n.name, n.shape]));
  let changed = false;
  for (const node of candidates) {
    const input = shapes.get(node.inputs[0])!;
    const key = `${tf.getBackend()}|${adapter}|conv ${batch}×${input.join('×')} -> ${node.attrs.channels} k${node.attrs.kernel} s${node.attrs.stride} p${node.attrs.pad} d${node.attrs.dilation}`;
    const hit = cache[key];
    if (hit) {
      results.set(node.name, { ...hit, cached: true });
      continue;
    }
    const ms = await measure(node, input, batch);
    const entry = { choice: (ms.depthwise < ms.conv2d ? 'depthwise' : 'conv2d') as ConvForm, ms };
    cache[key] = entry;
    changed = true;
    results.set(node.name, { ...entry, cached: false });
  }
  if (changed) writeCache(file, cache);
  return results;
}
