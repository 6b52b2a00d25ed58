// What a checkpoint must hold before netc trusts it: header fields of the right types (every load: network,
// structure hash, epoch; on resume: the training state too — rng, optimizer, schedule, history), and weights
// and optimizer state that are finite numbers. Each failure is one line naming the file and the field.
import type { TensorMap } from './safetensors.js';
import type { CheckpointHeader } from '../platform/checkpoint_files.js';
import { DataError } from '../errors.js';

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** The fields every reader of a netc checkpoint relies on (eval, predict, export, --init-from, --resume). */
export function checkHeaderBasics(header: unknown, path: string): CheckpointHeader {
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new DataError(`${path}: corrupt netc checkpoint metadata (field '${field}' is ${shown(value)}; expected ${expected})`);
  };
  if (!isObject(header)) throw new DataError(`${path}: corrupt netc checkpoint metadata (the header is ${shown(header)}, not an object)`);
  if (typeof header.network !== 'string') bad('network', header.network, 'the network name');
  if (typeof header.irHash !== 'string') bad('irHash', header.irHash, 'the structure hash, a string');
  if (!isCount(header.epoch)) bad('epoch', header.epoch, 'the number of epochs completed, an integer >= 0');
  return header as CheckpointHeader;
}

/** The training state --resume continues from: `learnable` is the number of the network's learnable parameters. */
export function checkResumeState(header: CheckpointHeader, path: string, learnable: number): void {
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new DataError(`${path}: cannot resume from it (field '${field}' is ${shown(value)}; expected ${expected})`);
  };
  const { rng, optimizer, schedule, batch, settings, history, epoch } = header as unknown as Record<string, unknown> & { epoch: number };
  if (!Array.isArray(rng) || rng.length !== 4 || !rng.every((w) => isCount(w) && w < 2 ** 32)) bad('rng', rng, 'four 32-bit unsigned integers (xoshiro128** state)');
  if ((rng as number[]).every((w) => w === 0)) bad('rng', rng, 'a state that is not all zeros (xoshiro128** would stand still)');
  if (optimizer !== undefined) {
    if (!isObject(optimizer)) bad('optimizer', optimizer, 'an object');
    const o = optimizer as Record<string, unknown>;
    if (!isObject(o.config) || !['sgd', 'momentum', 'adam'].includes(o.config.kind as string)) bad('optimizer.config', o.config, '{kind: sgd|momentum|adam, …}');
    for (const [k, v] of Object.entries(o.config as Record<string, unknown>)) if (k !== 'kind' && !(typeof v === 'number' && Number.isFinite(v))) bad(`optimizer.config.${k}`, v, 'a finite number');
    if (!isCount(o.step)) bad('optimizer.step', o.step, 'an integer >= 0');
    if (o.steps !== undefined && !(Array.isArray(o.steps) && o.steps.length === learnable && o.steps.every((s) => isCount(s) && s <= (o.step as number)))) {
      bad('optimizer.steps', o.steps, `${learnable} integers between 0 and optimizer.step (one per learnable parameter)`);
    }
    for (const k of ['lrMult', 'decayMult']) {
      const v = o[k];
      if (v !== undefined && !(Array.isArray(v) && v.length === learnable && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0))) bad(`optimizer.${k}`, v, `${learnable} finite numbers >= 0`);
    }
    if (!Array.isArray(o.slots) || !o.slots.every((s) => typeof s === 'string')) bad('optimizer.slots', o.slots, 'a list of slot names');
  }
  if (schedule !== undefined && !(isObject(schedule) && typeof schedule.kind === 'string')) bad('schedule', schedule, '{kind, lr, …}');
  if (batch !== undefined && !(isCount(batch) && batch > 0)) bad('batch', batch, 'an integer >= 1');
  if (settings !== undefined && !isObject(settings)) bad('settings', settings, 'an object');
  if (history !== undefined) {
    if (!Array.isArray(history) || history.length !== epoch) bad('history', history, `a list of ${epoch} epoch records (field 'epoch' is ${epoch})`);
    (history as unknown[]).forEach((h, i) => {
      if (!isObject(h) || h.epoch !== i + 1) bad(`history[${i}]`, h, `the record of epoch ${i + 1} ({epoch: ${i + 1}, trainLoss, …})`);
      for (const [k, v] of Object.entries(h as Record<string, unknown>)) if (!(typeof v === 'number' || v === null)) bad(`history[${i}].${k}`, v, 'a number');
    });
  }
}

/** Throws unless every value of every tensor is finite; `what` names the file (and says weights or optimizer state). */
export function requireFinite(tensors: TensorMap, what: string): void {
  for (const [name, t] of tensors) {
    let bad = 0;
    let first = 0;
    const data = t.data;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v - v !== 0 && bad++ === 0) first = v; // v − v is NaN exactly for NaN and ±Infinity
    }
    if (bad > 0) throw new DataError(`${what}: tensor '${name}' holds ${bad} non-finite value${bad === 1 ? '' : 's'} (the first: ${first}) of ${t.data.length}; the weights are unusable`);
  }
}
