// §4 of the reliability issue: what training writes is sane; what eval, predict and resume read is validated.
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { expectError, firstLine, unclean, type CaseContext, type HostileCase } from './hostile_case.js';
import { pngChunk } from './png_chunk.js';
import { allFinite, entry, floatTensors, readParts, tensorNames, writeParts, type SafetensorsParts } from './safetensors_edit.js';

import { lenet, smallRun } from './paths.js';
const fashion = '/usr/share/datasets/fashion-mnist';
const small = smallRun;
const trainedEpoch = /epoch\s+\d+\/\d+\s/;

/** A corrupted copy of the run's model.safetensors, then `eval --weights` on it: one line naming the file, exit 1. */
function corruptCase(id: string, what: string, corrupt: (parts: SafetensorsParts, path: string) => void): HostileCase {
  return {
    id,
    section: 4,
    what,
    async check({ netc, run }) {
      const dir = run();
      const path = join(dir, 'model.safetensors');
      corrupt(readParts(path), path);
      return expectError(await netc(['eval', lenet, '--weights', dir, '--test-limit', '256']), 1, /model\.safetensors/);
    },
  };
}

/** The run's checkpoint header (`__metadata__.netc`) edited, then --resume: the field named, exit 1. */
function resumeFieldCase(field: string, value: unknown): HostileCase {
  return {
    id: `resume-bad-${field}`,
    section: 4,
    what: `--resume with a malformed \`${field}\` (${JSON.stringify(value)}) in the checkpoint`,
    async check({ netc, run }) {
      const dir = run();
      const path = join(dir, 'model.safetensors');
      const parts = readParts(path);
      const metadata = parts.header.__metadata__ as Record<string, string>;
      metadata.netc = JSON.stringify({ ...JSON.parse(metadata.netc), [field]: value });
      writeParts(path, parts);
      const outcome = await netc(['train', lenet, ...small, '--epochs', '3', '--resume', dir], { timeoutMs: 60_000 });
      return expectError(outcome, 1, new RegExp(field)) ?? (trainedEpoch.test(outcome.stderr) ? 'trained on it' : undefined);
    },
  };
}

/** The run's weights as JSON {name: {shape, data}} with one value replaced by `bad` (raw JSON text). */
function jsonWeightsCase(id: string, bad: string): HostileCase {
  return {
    id,
    section: 4,
    what: `JSON weights holding ${bad}`,
    async check({ dir, netc, run }) {
      const tensors = Object.fromEntries(floatTensors(join(run(), 'model.safetensors')));
      const text = JSON.stringify(tensors).replace(/"data":\[([-0-9.e]+)/, `"data":[${bad}`);
      writeFileSync(join(dir, 'weights.json'), text);
      return expectError(await netc(['import-weights', lenet, '--from', 'weights.json', '--out', 'imported']), 1, /weights\.json/);
    },
  };
}

function trainErrorCase(id: string, what: string, args: string[], message: RegExp): HostileCase {
  return {
    id,
    section: 4,
    what,
    async check({ netc }) {
      const outcome = await netc(['train', lenet, ...args, '--out', 'run'], { timeoutMs: 60_000 });
      return expectError(outcome, 1, message) ?? (trainedEpoch.test(outcome.stderr) ? 'trained before refusing' : undefined);
    },
  };
}

/** The first `count` Fashion-MNIST test images as PNG files, with their labels. */
function testImages(dir: string, count: number): { files: string[]; labels: number[] } {
  const images = gunzipSync(readFileSync(join(fashion, 't10k-images-idx3-ubyte.gz')));
  const labels = gunzipSync(readFileSync(join(fashion, 't10k-labels-idx1-ubyte.gz')));
  const files = Array.from({ length: count }, (_, i) => {
    const png = new PNG({ width: 28, height: 28, colorType: 0, inputColorType: 0, bitDepth: 8 });
    png.data = Buffer.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784));
    const file = join(dir, `test${i}.png`);
    writeFileSync(file, PNG.sync.write(png, { colorType: 0, inputColorType: 0 }));
    return file;
  });
  return { files, labels: Array.from(labels.subarray(8, 8 + count)) };
}

/** A 4×4 PNG put together chunk by chunk, so any one part can be wrong. */
function rawPng(parts: { ihdr?: Buffer; colorType?: number; plte?: Buffer; rows?: Buffer; crcFlip?: boolean; cut?: number }): Buffer {
  const ihdr = parts.ihdr ?? Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, parts.colorType ?? 0, 0, 0, 0]);
  const rows = parts.rows ?? Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, 10, 20, 30, 40])));
  const chunks = [pngChunk('IHDR', ihdr), ...(parts.plte ? [pngChunk('PLTE', parts.plte)] : []), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))];
  if (parts.crcFlip) chunks[chunks.length - 2][chunks[chunks.length - 2].length - 1] ^= 0xff;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
  return parts.cut ? png.subarray(0, parts.cut) : png;
}

function imageCase(id: string, what: string, file: string, bytes: () => Buffer | string): HostileCase {
  return {
    id,
    section: 4,
    what,
    async check({ dir, netc, run }) {
      writeFileSync(join(dir, file), bytes());
      return expectError(await netc(['predict', lenet, '--weights', run(), file]), 1, new RegExp(file.replace('.', '\\.')));
    },
  };
}

async function accuracyOf(context: CaseContext, args: string[]): Promise<number | string> {
  const outcome = await context.netc([...args, '--json'], { timeoutMs: 120_000 });
  const bad = expectError(outcome, 0);
  if (bad) return bad;
  return (JSON.parse(outcome.stdout.trim().split('\n').pop()!) as { testAccuracy: number }).testAccuracy;
}

export const weightCases: HostileCase[] = [
  {
    id: 'lr-overflows-float32',
    section: 4,
    what: '`--lr 1e39` (beyond float32) is refused before training',
    async check({ netc }) {
      const outcome = await netc(['train', lenet, ...small, '--epochs', '1', '--lr', '1e39', '--out', 'run'], { timeoutMs: 60_000 });
      return expectError(outcome, [1, 2], /--lr/) ?? (/diverg|became NaN|not finite|training stopped/i.test(outcome.stderr) || trainedEpoch.test(outcome.stderr) ? 'trained, then diverged' : undefined);
    },
  },
  {
    id: 'lr-blowup-message',
    section: 4,
    what: '`--lr 1e30`: a divergence, and the checkpoint it names exists',
    async check({ dir, netc }) {
      const outcome = await netc(['train', lenet, ...small, '--epochs', '2', '--lr', '1e30', '--out', 'run'], { timeoutMs: 60_000 });
      const bad = expectError(outcome, 1, /diverg|not finite|non-finite/i);
      if (bad) return bad;
      const named = /(\S*(model\.safetensors|checkpoint\.netc))/.exec(outcome.stderr)?.[1];
      if (named && !existsSync(named.startsWith('/') ? named : join(dir, named))) return `names ${named}, which does not exist`;
      const model = join(dir, 'run', 'model.safetensors');
      return existsSync(model) && !allFinite(model) ? 'wrote a checkpoint with non-finite weights' : undefined;
    },
  },
  {
    id: 'resume-blowup-keeps-good',
    section: 4,
    what: 'a resume that blows up (`--lr 1e30`) keeps the good epoch-1 checkpoint',
    async check({ netc, run }) {
      const dir = run();
      const outcome = await netc(['train', lenet, ...small, '--epochs', '3', '--lr', '1e30', '--resume', dir], { timeoutMs: 60_000 });
      const bad = unclean(outcome);
      if (bad) return bad;
      return allFinite(join(dir, 'model.safetensors')) ? undefined : `the good checkpoint was replaced by non-finite weights (exit ${outcome.code})`;
    },
  },
  trainErrorCase('batch-larger-than-data', '`--batch 256` with 100 training images', ['--limit', '100', '--test-limit', '64', '--batch', '256', '--epochs', '1'], /--batch|batch/),
  trainErrorCase('empty-eval-split', '`--val-split 0.001` of 256 images: an empty evaluation split', ['--limit', '256', '--val-split', '0.001', '--epochs', '1'], /split|empty|no .*images/i),
  trainErrorCase('empty-train-split', '`--val-split 1`: an empty training split', ['--limit', '256', '--val-split', '1', '--epochs', '1'], /split|empty|no .*images/i),
  corruptCase('checkpoint-nan-bytes', 'four bytes of a weight set to 0xff (a NaN)', (parts, path) => {
    const [a] = entry(parts, tensorNames(parts)[0]).data_offsets;
    parts.data.fill(0xff, a + 8, a + 12);
    writeParts(path, parts);
  }),
  corruptCase('checkpoint-flipped-bit', 'one low mantissa bit flipped (finite, wrong)', (parts, path) => {
    const [a] = entry(parts, tensorNames(parts)[0]).data_offsets;
    parts.data[a + 16] ^= 0x01;
    writeParts(path, parts);
  }),
  corruptCase('checkpoint-negative-offset', 'a negative data offset', (parts, path) => {
    const e = entry(parts, tensorNames(parts)[1]);
    e.data_offsets = [e.data_offsets[0] - 1_000_000, e.data_offsets[1] - 1_000_000];
    writeParts(path, parts);
  }),
  corruptCase('checkpoint-wrong-length', "offsets whose length is not the shape's", (parts, path) => {
    const e = entry(parts, tensorNames(parts)[0]);
    e.data_offsets = [e.data_offsets[0], e.data_offsets[1] - 4];
    writeParts(path, parts);
  }),
  corruptCase('checkpoint-truncated', 'a checkpoint cut short', (_, path) => truncateSync(path, Math.floor(readFileSync(path).length / 2))),
  corruptCase('checkpoint-bad-shape', 'a shape holding a string', (parts, path) => {
    (entry(parts, tensorNames(parts)[0]) as unknown as { shape: unknown[] }).shape = ['x', 3];
    writeParts(path, parts);
  }),
  jsonWeightsCase('json-weights-null', 'null'),
  jsonWeightsCase('json-weights-string', '"0.5"'),
  jsonWeightsCase('json-weights-infinite', '1e999'),
  resumeFieldCase('epoch', 'one'),
  resumeFieldCase('rng', null),
  resumeFieldCase('history', 'none'),
  {
    id: 'eval-normalize-from-run',
    section: 4,
    what: 'eval of a `--normalize auto` run, without the flag, matches the accuracy training reported',
    async check(context) {
      const trained = await accuracyOf(context, ['train', lenet, ...small, '--epochs', '2', '--normalize', 'auto', '--out', 'run']);
      if (typeof trained === 'string') return `train: ${trained}`;
      const evaluated = await accuracyOf(context, ['eval', lenet, '--weights', 'run', '--test-limit', '256']);
      if (typeof evaluated === 'string') return `eval: ${evaluated}`;
      return Math.abs(trained - evaluated) < 1e-6 ? undefined : `eval ${evaluated.toFixed(4)}, train reported ${trained.toFixed(4)}`;
    },
  },
  {
    id: 'predict-normalize-from-run',
    section: 4,
    what: "predict of a `--normalize auto` run applies the run's statistics (agrees with eval on the same images)",
    async check(context) {
      const trained = await accuracyOf(context, ['train', lenet, ...small, '--epochs', '2', '--normalize', 'auto', '--out', 'run']);
      if (typeof trained === 'string') return `train: ${trained}`;
      const evaluated = await accuracyOf(context, ['eval', lenet, '--weights', 'run', '--test-limit', '64']);
      if (typeof evaluated === 'string') return `eval: ${evaluated}`;
      const { files, labels } = testImages(context.dir, 64);
      const outcome = await context.netc(['predict', lenet, '--weights', 'run', ...files, '--json'], { timeoutMs: 60_000 });
      const bad = expectError(outcome, 0);
      if (bad) return bad;
      const results = (JSON.parse(outcome.stdout.trim().split('\n').pop()!) as { results: { predictions: { class: string }[] }[] }).results;
      const classes = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
      const correct = results.filter((r, i) => r.predictions[0].class === classes[labels[i]]).length / files.length;
      return Math.abs(correct - evaluated) < 1e-6 ? undefined : `predict is right on ${(correct * 100).toFixed(1)} %, eval on ${(evaluated * 100).toFixed(1)} % of the same 64 images`;
    },
  },
  imageCase('png-palette-index', 'a palette PNG with indices past its palette', 'palette.png', () => rawPng({ colorType: 3, plte: Buffer.from([0, 0, 0, 255, 255, 255]) })),
  imageCase('pgm-non-numeric', 'a PGM with a non-numeric sample', 'bad.pgm', () => 'P2\n2 2\n255\n1 x 3 4\n'),
  imageCase('png-short-ihdr', 'a PNG whose IHDR is 5 bytes', 'short.png', () => rawPng({ ihdr: Buffer.from([0, 0, 0, 4, 0]) })),
  imageCase('png-bad-crc', 'a PNG with a wrong CRC', 'crc.png', () => rawPng({ crcFlip: true })),
  imageCase('png-unknown-filter', 'a PNG row with filter type 7', 'filter.png', () => rawPng({ rows: Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([7, 10, 20, 30, 40]))) })),
  imageCase('png-truncated', 'a PNG cut in the middle of its data', 'cut.png', () => rawPng({ cut: 45 })),
  {
    id: 'trial-cache-wrong-type',
    section: 4,
    what: 'a lowering-trial cache whose entries are null: training still runs (with a warning)',
    async check({ dir, netc }) {
      const env = { NETC_CACHE_DIR: join(dir, 'cache') };
      const first = await netc(['train', lenet, ...small, '--epochs', '1', '--backend', 'wasm', '--out', 'a'], { env, timeoutMs: 60_000 });
      const bad = expectError(first, 0);
      if (bad) return `first run: ${bad}`;
      const file = join(dir, 'cache', 'lowering_trials.json');
      if (!existsSync(file)) return 'no trial cache was written';
      const cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(Object.fromEntries(Object.keys(cache).map((k) => [k, null]))));
      return expectError(await netc(['train', lenet, ...small, '--epochs', '1', '--backend', 'wasm', '--out', 'b'], { env, timeoutMs: 60_000 }), 0);
    },
  },
  ...(
    [
      // Own keys only: `__proto__` and `toString` are ordinary module names, so the map lacks LeNet's conv1.
      ['map-proto-key', 'a map file with a `__proto__` key', '{"__proto__": "features"}', /no entry for 'conv1'/],
      ['map-tostring-key', 'a map file with a `toString` key', '{"toString": "features"}', /no entry for 'conv1'/],
      ['map-array', 'a map file holding a JSON array', '["conv1", "conv2"]', /array|object/i],
    ] as const
  ).map(([id, what, text, message]): HostileCase => ({
    id,
    section: 4,
    what,
    async check({ dir, netc, run }) {
      writeFileSync(join(dir, 'names.json'), text);
      const outcome = await netc(['eval', lenet, '--weights', run(), '--map', 'names.json', '--test-limit', '64']);
      return expectError(outcome, 1, message) ?? (/names\.json/.test(outcome.stderr) ? undefined : `does not name the map file: ${firstLine(outcome.stderr, /netc: .*/)}`);
    },
  })),
];
