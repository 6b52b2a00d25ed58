// Checkpoints on safetensors: the two files, the header in __metadata__, a crash between the writes, damaged
// files, and old checkpoint.netc files still loading.
import test from 'ava';
import { spawn } from 'node:child_process';
import { readWeightFile } from '../../../runtime/weights_source.js';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, OPTIMIZER_FILE, readCheckpoint, writeCheckpoint, type CheckpointHeader } from '../../../runtime/io/checkpoint.js';
import { LEGACY_CHECKPOINT_FILE } from '../../../runtime/io/checkpoint_v1.js';
import { decodeSafetensors, encodeSafetensors, type TensorMap } from '../../../runtime/io/safetensors.js';
import { DataError } from '../../../runtime/errors.js';
import { legacyCheckpoint } from '../../helpers/legacy_checkpoint.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'netc-ckpt-'));

const weights = (scale = 1): TensorMap =>
  new Map([
    ['conv1.weight', { shape: [2, 1, 2, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8].map((v) => v * scale)) }],
    ['bn1.running_var', { shape: [2], data: Float32Array.from([0.5, 2]) }],
  ]);
const slots = (scale = 1): TensorMap => new Map([['m/conv1.weight', { shape: [2, 1, 2, 2], data: Float32Array.from([8, 7, 6, 5, 4, 3, 2, 1].map((v) => v * scale)) }]]);

const header = (epoch: number): CheckpointHeader => ({
  network: 'N',
  irHash: 'abc123',
  epoch,
  rng: { s: [1, 2, 3, 4] } as unknown as CheckpointHeader['rng'],
  optimizer: { config: { kind: 'adam' } as unknown as NonNullable<CheckpointHeader['optimizer']>['config'], step: epoch * 10, slots: ['m'] },
  history: [{ epoch: 1, trainLoss: 0.5 }],
  classNames: ['a', 'b'], // a field this format does not know: kept as written
});

test('a run directory holds model.safetensors and optimizer.safetensors; the header lives in __metadata__', (t) => {
  const dir = scratch();
  const path = writeCheckpoint(dir, header(3), weights(), slots());
  t.is(path, join(dir, CHECKPOINT_FILE));
  t.deepEqual(readdirSync(dir).sort(), [CHECKPOINT_FILE, OPTIMIZER_FILE], 'no temp files are left behind');
  const model = decodeSafetensors(readFileSync(path), path);
  t.deepEqual([...model.tensors.keys()], ['conv1.weight', 'bn1.running_var'], 'only weights and buffers, by netc name');
  t.deepEqual([...model.dtypes.values()], ['F32', 'F32']);
  t.is(model.metadata.format, CHECKPOINT_FORMAT);
  t.deepEqual(JSON.parse(model.metadata.netc), header(3));
  const optimizer = decodeSafetensors(readFileSync(join(dir, OPTIMIZER_FILE)), OPTIMIZER_FILE);
  t.deepEqual([...optimizer.tensors.keys()], ['m/conv1.weight']);

  for (const location of [dir, path]) {
    const back = readCheckpoint(location);
    t.deepEqual(back.header, header(3));
    t.deepEqual(back.weights, weights());
    t.deepEqual(back.slots, slots());
  }
});

test('a checkpoint without optimizer state (import-weights) is one file, and stale optimizer files are ignored', (t) => {
  const dir = scratch();
  writeCheckpoint(dir, header(2), weights(), slots());
  const { optimizer: _, ...plain } = header(0);
  writeCheckpoint(dir, plain, weights(2), new Map());
  const back = readCheckpoint(dir);
  t.is(back.header.epoch, 0);
  t.is(back.slots.size, 0);
  t.deepEqual(back.weights, weights(2));
});

test('a crash between the optimizer write and the model write is detected, naming both epochs', (t) => {
  const dir = scratch();
  writeCheckpoint(dir, header(1), weights(), slots());
  const next = scratch();
  writeCheckpoint(next, header(2), weights(2), slots(2));
  copyFileSync(join(next, OPTIMIZER_FILE), join(dir, OPTIMIZER_FILE)); // epoch 2's optimizer file landed, its model file did not
  const error = t.throws(() => readCheckpoint(dir), { instanceOf: DataError });
  t.regex(error!.message, /optimizer\.safetensors: the optimizer state is from epoch 2, the model \(.*model\.safetensors\) from epoch 1/);
  t.notRegex(error!.message, /\n/);

  writeFileSync(join(dir, OPTIMIZER_FILE), 'garbage');
  t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: /the optimizer state is unreadable, the model .* from epoch 1/ });
});

test('a missing optimizer file, a truncated or corrupt model file and a foreign safetensors file are one-line errors naming the file', (t) => {
  const dir = scratch();
  writeCheckpoint(dir, header(1), weights(), slots());
  const model = join(dir, CHECKPOINT_FILE);
  const bytes = readFileSync(model);

  truncateSync(model, bytes.length - 3);
  t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: new RegExp(`^${model}: not a valid safetensors file \\(truncated: tensor 'bn1.running_var' ends at byte 40 of a 37-byte data buffer\\)$`) });
  truncateSync(model, 5);
  t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: new RegExp(`^${model}: not a valid safetensors file \\(5 bytes`) });

  const badMeta = encodeSafetensors(weights(), { format: CHECKPOINT_FORMAT, netc: '{"network": "N",' });
  writeFileSync(model, badMeta);
  t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: new RegExp(`^${model}: corrupt netc checkpoint metadata`) });

  writeFileSync(model, encodeSafetensors(weights()));
  t.throws(() => readCheckpoint(dir), { instanceOf: DataError, message: /without netc's checkpoint metadata/ });

  writeFileSync(model, bytes);
  t.notThrows(() => readCheckpoint(dir));
  const gone = scratch();
  copyFileSync(model, join(gone, CHECKPOINT_FILE));
  t.throws(() => readCheckpoint(gone), { instanceOf: DataError, message: /optimizer\.safetensors: missing: .*model\.safetensors \(epoch 1\) needs its optimizer state/ });
  t.throws(() => readCheckpoint(scratch()), { instanceOf: DataError, message: /no checkpoint there \(expected a run directory with model\.safetensors\)/ });
});

test('an old checkpoint.netc (format 1) still loads, from its run directory or its path; a cut one is a one-line error', (t) => {
  const dir = scratch();
  const path = join(dir, LEGACY_CHECKPOINT_FILE);
  writeFileSync(path, legacyCheckpoint(header(4), weights(), slots()));
  for (const location of [dir, path]) {
    const back = readCheckpoint(location);
    t.deepEqual(back.header, header(4));
    t.deepEqual(back.weights, weights());
    t.deepEqual(back.slots, slots());
  }
  // A run directory with both prefers the new file.
  writeCheckpoint(dir, header(5), weights(3), slots(3));
  t.is(readCheckpoint(dir).header.epoch, 5);
  t.true(existsSync(path));

  truncateSync(path, readFileSync(path).length - 4);
  t.throws(() => readCheckpoint(path), { instanceOf: DataError, message: new RegExp(`^${path}: truncated checkpoint \\(tensor 'slot:m/conv1.weight' is cut off\\)$`) });
});

/** A child that rewrites the checkpoint of `dir` over and over (4 MB of weights, 8 MB of slots), epoch after epoch. */
const writer = (dir: string) => `
  import { writeCheckpoint } from '${process.cwd()}/dist/runtime/io/checkpoint.js';
  const big = (v) => ({ shape: [1 << 20], data: new Float32Array(1 << 20).fill(v) });
  for (let epoch = 1; ; epoch++) {
    writeCheckpoint(${JSON.stringify(dir)}, { network: 'N', irHash: 'h', epoch, rng: [1, 2, 3, 4], optimizer: { config: {}, step: epoch, slots: ['m', 'v'] } },
      new Map([['w', big(epoch)]]), new Map([['m/w', big(-epoch)], ['v/w', big(epoch / 2)]]));
    if (epoch === 2) process.stdout.write('go\\n');
  }`;

test('SIGKILL at any moment of the writes leaves a readable model, and resume either works or names both epochs', async (t) => {
  const outcomes = new Set<string>();
  for (let round = 0; round < 6; round++) {
    const dir = scratch();
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer(dir)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const weights = readWeightFile(dir); // never unreadable
    const epoch = weights.epoch!;
    t.is(weights.weights.get('w')!.data[0], epoch, 'the model file is whole and of its own epoch');
    try {
      const c = readCheckpoint(dir);
      t.is(c.slots.get('m/w')!.data[5], -epoch, 'the optimizer state is of the same epoch');
      outcomes.add('consistent');
    } catch (error) {
      t.regex((error as Error).message, new RegExp(`the optimizer state is from epoch ${epoch + 1}, the model \\(.*\\) from epoch ${epoch};`));
      outcomes.add('between the writes');
    }
  }
  t.log(`outcomes: ${[...outcomes].join(', ')}`);
});
