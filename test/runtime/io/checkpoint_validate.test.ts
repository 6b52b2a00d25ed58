// What netc checks before it trusts a checkpoint: header fields on every load and the training state on
// --resume (each field named), old checkpoint.netc tensor tables, finite weights (on read and on write),
// JSON weights' values, and the data settings eval and predict take from a checkpoint without data.json.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint, type CheckpointHeader } from '../../../runtime/io/checkpoint.js';
import { checkHeaderBasics, checkResumeState, requireFinite } from '../../../runtime/io/checkpoint_validate.js';
import { checkpointDataInfo } from '../../../runtime/io/checkpoint_data_info.js';
import { readWeightFile } from '../../../runtime/weights_source.js';
import { DataError, WeightError } from '../../../runtime/errors.js';
import type { TensorMap } from '../../../runtime/io/safetensors.js';
import { legacyCheckpoint, withLegacyTable, type LegacyTable } from '../../helpers/legacy_checkpoint.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-ckpt-validate-'));
const weights = (): TensorMap =>
  new Map([
    ['conv1.weight', { shape: [2, 1, 2, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
    ['conv1.bias', { shape: [2], data: Float32Array.from([0.5, -0.5]) }],
  ]);
const header = (): CheckpointHeader => ({
  network: 'N',
  irHash: 'abc',
  epoch: 2,
  rng: [1, 2, 3, 4],
  optimizer: { config: { kind: 'momentum', weightDecay: 0, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, step: 20, steps: [20, 20], lrMult: [1, 1], decayMult: [1, 1], slots: ['momentum'] },
  schedule: { kind: 'constant', lr: 0.1, epochs: 2, stepSize: 1, gamma: 0.1 },
  batch: 32,
  settings: { data: '/data', seed: 0 },
  history: [{ epoch: 1, trainLoss: 0.9, testAccuracy: 0.7 }, { epoch: 2, trainLoss: 0.5, testAccuracy: 0.8 }],
});

test('a well-formed training state passes', (t) => {
  t.notThrows(() => checkResumeState(header(), 'run/model.safetensors', 2));
});

const badState: [string, (h: Record<string, any>) => void, RegExp][] = [
  ['epoch negative', (h) => (h.epoch = -1), /field 'epoch' is -1/],
  ['epoch fractional', (h) => (h.epoch = 1.5), /field 'epoch' is 1\.5/],
  ['epoch a string', (h) => (h.epoch = '2'), /field 'epoch' is "2"/],
  ['rng missing', (h) => delete h.rng, /field 'rng' is undefined/],
  ['rng three words', (h) => (h.rng = [1, 2, 3]), /field 'rng' is \[1,2,3\]/],
  ['rng an object', (h) => (h.rng = { s: [1, 2, 3, 4] }), /field 'rng' is \{"s"/],
  ['rng negative', (h) => (h.rng = [1, -2, 3, 4]), /field 'rng'/],
  ['rng past 32 bits', (h) => (h.rng = [1, 2 ** 32, 3, 4]), /field 'rng'/],
  ['rng all zeros', (h) => (h.rng = [0, 0, 0, 0]), /field 'rng' .*not all zeros/],
  ['history not a list', (h) => (h.history = { epoch: 1 }), /field 'history'/],
  ['history shorter than epoch', (h) => h.history.pop(), /field 'history' .*2 epoch records/],
  ['history out of order', (h) => h.history.reverse(), /field 'history\[0\]'/],
  ['history with a string loss', (h) => (h.history[1].trainLoss = 'low'), /field 'history\[1\]\.trainLoss' is "low"/],
  ['history entry null', (h) => (h.history[0] = null), /field 'history\[0\]' is null/],
  ['optimizer kind unknown', (h) => (h.optimizer.config.kind = 'lbfgs'), /field 'optimizer\.config'/],
  ['optimizer momentum a string', (h) => (h.optimizer.config.momentum = '0.9'), /field 'optimizer\.config\.momentum'/],
  ['optimizer step negative', (h) => (h.optimizer.step = -3), /field 'optimizer\.step' is -3/],
  ['optimizer steps of another network', (h) => (h.optimizer.steps = [20]), /field 'optimizer\.steps' .*2 integers/],
  ['optimizer steps past step', (h) => (h.optimizer.steps = [20, 21]), /field 'optimizer\.steps'/],
  ['lrMult negative', (h) => (h.optimizer.lrMult = [1, -1]), /field 'optimizer\.lrMult'/],
  ['slots not names', (h) => (h.optimizer.slots = [1]), /field 'optimizer\.slots'/],
  ['schedule a number', (h) => (h.schedule = 3), /field 'schedule' is 3/],
  ['batch zero', (h) => (h.batch = 0), /field 'batch' is 0/],
  ['settings a list', (h) => (h.settings = []), /field 'settings' is \[\]/],
];
for (const [what, mutate, message] of badState) {
  test(`--resume refuses a checkpoint whose ${what}, naming the file and field`, (t) => {
    const h = structuredClone(header()) as Record<string, any>;
    mutate(h);
    const error = t.throws(() => {
      checkHeaderBasics(h, 'run/model.safetensors');
      checkResumeState(h as CheckpointHeader, 'run/model.safetensors', 2);
    }, { instanceOf: DataError });
    t.regex(error!.message, /^run\/model\.safetensors: /);
    t.regex(error!.message, message);
    t.notRegex(error!.message, /\n/);
  });
}

test('the header fields every reader relies on are checked on every load, naming the file', (t) => {
  const dir = scratch();
  for (const [field, value] of [['network', 3], ['irHash', null], ['epoch', -1], ['epoch', '1']] as const) {
    writeCheckpoint(dir, { ...header(), [field]: value } as CheckpointHeader, weights(), new Map());
    const path = join(dir, CHECKPOINT_FILE);
    t.throws(() => readWeightFile(dir), { instanceOf: DataError, message: new RegExp(`^${path}: corrupt netc checkpoint metadata \\(field '${field}'`) }, field);
    t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: new RegExp(`field '${field}'`) }, field);
  }
});

const legacyCases: [string, (table: LegacyTable) => void, RegExp][] = [
  ['a negative offset', (tb) => (tb[1].offset = -8), /tensor 1 'conv1\.bias': offset -8 is not a non-negative integer/],
  ['a fractional offset', (tb) => (tb[1].offset = 2.5), /offset 2\.5/],
  ['a length that disagrees with the shape', (tb) => (tb[0].length = 7), /length 7 for shape \[2, 1, 2, 2\] \(8 values\)/],
  ['a negative length', (tb) => (tb[0].length = -1), /length -1/],
  ['a negative dimension', (tb) => (tb[0].shape = [-2, 1, 2, 2]), /shape \[-2,1,2,2\] is not a list of non-negative integers/],
  ['overlapping tensors', (tb) => (tb[1].offset = 16), /offset 16 overlaps the tensor before it \(which ends at 32\)/],
  ['a tensor without a name', (tb) => delete tb[0].name, /tensor 0: no name/],
  ['a table entry that is null', (tb) => (tb[0] = null as any), /tensor 0: no name/],
  ['bytes past the last tensor', (tb) => (tb[1].shape = [1], tb[1].length = 1), /4 bytes after the last tensor/],
];
for (const [what, mutate, message] of legacyCases) {
  test(`an old checkpoint.netc with ${what} is a one-line error naming the file, not garbage`, (t) => {
    const path = join(scratch(), 'checkpoint.netc');
    writeFileSync(path, withLegacyTable(legacyCheckpoint(header(), weights(), new Map()), mutate));
    for (const read of [() => readCheckpoint(path), () => readWeightFile(path)]) {
      const error = t.throws(read, { instanceOf: DataError });
      t.true(error!.message.startsWith(`${path}: corrupt checkpoint`), error!.message);
      t.regex(error!.message, message);
    }
  });
}

test('non-finite weights are refused on read and never written over a good checkpoint', (t) => {
  const dir = scratch();
  writeCheckpoint(dir, header(), weights(), new Map());
  const good = readFileSync(join(dir, CHECKPOINT_FILE));
  for (const bad of [NaN, Infinity, -Infinity]) {
    const w = weights();
    w.get('conv1.bias')!.data[1] = bad;
    t.throws(() => writeCheckpoint(dir, { ...header(), epoch: 3 }, w, new Map()), { instanceOf: DataError, message: /model\.safetensors \(not written\): tensor 'conv1\.bias' holds 1 non-finite value/ });
    const slots: TensorMap = new Map([['momentum/conv1.bias', { shape: [2], data: Float32Array.from([0, bad]) }]]);
    t.throws(() => writeCheckpoint(dir, { ...header(), epoch: 3 }, weights(), slots), { instanceOf: DataError, message: /optimizer\.safetensors \(not written\)/ });
    t.deepEqual(readFileSync(join(dir, CHECKPOINT_FILE)), good, 'the epoch-2 checkpoint is untouched');
  }
  // A file another tool wrote with a NaN in it (a valid checksum) is refused when read.
  const path = join(scratch(), 'checkpoint.netc');
  const w = weights();
  w.get('conv1.weight')!.data.fill(NaN, 0, 3);
  writeFileSync(path, legacyCheckpoint(header(), w, new Map()));
  t.throws(() => readWeightFile(path), { instanceOf: DataError, message: new RegExp(`^${path}: tensor 'conv1\\.weight' holds 3 non-finite values`) });
  t.throws(() => readCheckpoint(path), { instanceOf: DataError, message: /holds 3 non-finite values/ });
  t.throws(() => requireFinite(w, 'w'), { message: /^w: tensor 'conv1\.weight'/ });
});

const jsonCases: [string, string, RegExp][] = [
  ['a null value', '[1, null, 3, 4]', /'a' data\[1\] is null; expected a finite number/],
  ['a string value', '[1, "2", 3, 4]', /'a' data\[1\] is "2"/],
  ['a boolean value', '[true, 2, 3, 4]', /'a' data\[0\] is true/],
  ['a nested list', '[[1, 2], [3, 4]]', /'a' has 2 values for shape \[4\]/],
  ['an overflowing number (Infinity in JSON.parse)', '[1, 1e999, 3, 4]', /'a' data\[1\] is Infinity; expected a finite number/],
  ['a number beyond float32', '[1, 1e39, 3, 4]', /'a' data\[1\] is 1e\+39, beyond float32's range/],
];
for (const [what, data, message] of jsonCases) {
  test(`JSON weights with ${what} are an error naming the file and the tensor`, (t) => {
    const path = join(scratch(), 'state.json');
    writeFileSync(path, `{"a": {"shape": [4], "data": ${data}}}`);
    const error = t.throws(() => readWeightFile(path), { instanceOf: WeightError });
    t.true(error!.message.startsWith(`${path}: `), error!.message);
    t.regex(error!.message, message);
  });
}

test('JSON weights that are null, a list or have a bad shape are errors, not crashes', (t) => {
  for (const [text, message] of [['null', /expected an object/], ['[1, 2]', /expected an object/], ['{"a": {"shape": [-1], "data": []}}', /'a' has shape \[-1\]/], ['{"weights": null}', /expected an object/]] as const) {
    const path = join(scratch(), 'state.json');
    writeFileSync(path, text);
    t.throws(() => readWeightFile(path), { instanceOf: WeightError, message }, text);
  }
});

test("a checkpoint carries its run's data settings; older ones give theirs from the resume settings", (t) => {
  const dir = scratch();
  const info = { version: 1, kind: 'idx', dir: '/data/fashion', classNames: ['a', 'b'], image: [1, 28, 28], resize: 32, normalize: 'auto', normalization: { mean: [0.3], std: [0.35] }, valSplit: null, evalSplit: 'test', counts: { train: 10, eval: 5 } };
  writeCheckpoint(dir, { ...header(), data: info }, weights(), new Map());
  t.deepEqual(checkpointDataInfo(dir), info as never);
  t.deepEqual(checkpointDataInfo(join(dir, CHECKPOINT_FILE)), info as never);

  const old = scratch();
  writeCheckpoint(old, { ...header(), settings: { data: '/usr/share/datasets/fashion-mnist', limit: 100, resize: null, normalization: { mean: [0.28], std: [0.35] }, batch: 8, seed: 0 } }, weights(), new Map());
  const fromSettings = checkpointDataInfo(old)!;
  t.like(fromSettings, { kind: 'idx', dir: '/usr/share/datasets/fashion-mnist', resize: null, normalize: 'auto', normalization: { mean: [0.28], std: [0.35] }, image: [1, 28, 28], evalSplit: 'test' });
  t.is(fromSettings.classNames[0], 't-shirt');

  writeCheckpoint(old, { ...header(), data: { version: 7 } }, weights(), new Map());
  t.throws(() => checkpointDataInfo(old), { instanceOf: DataError, message: /field 'data' is not a data\.json record/ });
  t.is(checkpointDataInfo(scratch()), undefined, 'no checkpoint, nothing to say');
});
