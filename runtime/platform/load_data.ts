// --data DIR: tells IDX files from an image folder, loads either into uint8 splits, holds out --val-split, checks classes.
import { existsSync, statSync } from 'node:fs';
import type { Ir } from '../../compiler/ir.js';
import { DataError } from '../errors.js';
import { defaultDataDir, hasIdxFiles, loadDataset, type Dataset, type Split } from './idx_files.js';
import { hasSubfolders, scanImageFolder, type LabeledFile } from './image_folder.js';
import { decodeSplit, describeDecode, type DecodeReport } from '../data/image_cache.js';
import { checkMappable } from '../data/channel_map.js';
import { holdOut } from '../data/holdout.js';

export interface DataRequest {
  dir?: string;
  limit?: number;
  testLimit?: number;
  /** Hold out this fraction of the training images as the evaluation split (seeded by `seed`). */
  valSplit?: number;
  seed?: number;
  /** Image folders: square size to decode to instead of the network's input H×W (--resize). */
  resize?: number;
  /** An unreadable image is an error, not skipped. */
  strict?: boolean;
  /** Only the evaluation split is used (eval with a run's stored statistics): an image folder's train/ is not
   * decoded when test/ is the evaluation split. */
  evalOnly?: boolean;
}

export interface LoadedData {
  data: Dataset;
  /** What was found, for people: "image folder DIR (train/ and test/), 3 classes: a, b, c". */
  found: string;
  /** Image folders: images decoded, time taken, files skipped (and its one-line description). */
  decode?: DecodeReport & { line: string };
}

/** "networks/x.net:3:3 (the network's input line)" */
export function inputLine(ir: Ir): string {
  const s = ir.nodes[0]?.source;
  return s ? `${s.file}:${s.line}:${s.column} (input [${ir.input.join(', ')}])` : `network ${ir.network}'s input [${ir.input.join(', ')}]`;
}

const outputsOf = (ir: Ir): number | undefined => {
  const shape = ir.nodes.find((n) => n.name === ir.output)?.shape;
  return shape && shape.length === 1 ? shape[0] : undefined;
};

function checkClassCount(ir: Ir, dir: string, classNames: string[], exact: boolean): void {
  const outputs = outputsOf(ir);
  if (outputs === undefined || outputs === classNames.length || (!exact && outputs > classNames.length)) return;
  const names = classNames.length <= 6 ? classNames.join(', ') : `${classNames.slice(0, 5).join(', ')}, …`;
  throw new DataError(`network ${ir.network} has ${outputs} outputs but ${dir} has ${classNames.length} classes (${names}); add --set classes=${classNames.length}`);
}

/** `limit` files evenly spaced over the (class-sorted) list, so every class keeps its share. */
function spread(files: LabeledFile[], limit: number | undefined): LabeledFile[] {
  if (limit === undefined || limit >= files.length) return files;
  return Array.from({ length: limit }, (_, i) => files[Math.floor((i * files.length) / limit)]);
}

function positive(flag: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new DataError(`${flag} must be a positive integer, got ${value}`);
}

function loadImageFolder(dir: string, r: DataRequest, ir: Ir): LoadedData {
  const where = inputLine(ir);
  if (ir.input.length !== 3) throw new DataError(`${where}: image folders need an image input [C, H, W], not flat features`);
  const [c, h, w] = ir.input;
  checkMappable(c, where);
  const folder = scanImageFolder(dir);
  if (folder.layout === 'classes' && r.valSplit === undefined) {
    throw new DataError(`${dir}: class folders without train/ and test/; pass --val-split 0.2 to hold out a seeded fifth for evaluation`);
  }
  checkClassCount(ir, dir, folder.classNames, true);
  const shape: [number, number, number] = [c, r.resize ?? h, r.resize ?? w];
  const report: DecodeReport = { images: 0, seconds: 0, skipped: [] };
  const options = { shape, where, strict: r.strict ?? false };
  const skipTrain = r.evalOnly === true && folder.test !== undefined && r.valSplit === undefined;
  const train = decodeSplit(skipTrain ? [] : spread(folder.train, r.limit), options, report);
  const test = folder.test && r.valSplit === undefined ? decodeSplit(spread(folder.test, r.testLimit), options, report) : undefined;
  // With --val-split the test split is decoded only for training's final figure (not for eval's held-out images).
  const finalTest = folder.test && r.valSplit !== undefined && r.evalOnly !== true ? decodeSplit(folder.test, options, report) : undefined;
  for (const [name, split] of [['train', train], ['test', test]] as const) {
    if (split && split.count === 0 && !(skipTrain && name === 'train')) throw new DataError(`${dir}: no readable ${name} images (all ${report.skipped.length} files skipped)`);
  }
  const layout = folder.layout === 'train-test' ? 'train/ and test/' : 'class folders';
  const data: Dataset = { dir, kind: 'image-folder', train, test: test ?? train, evalSplit: 'test', classNames: folder.classNames };
  return {
    data: { ...withHoldout(data, r), ...(finalTest ? { finalTest } : {}) },
    found: `image folder ${dir} (${layout}), ${folder.classNames.length} classes: ${folder.classNames.join(', ')}`,
    decode: { ...report, line: describeDecode(report, folder.classNames.length) },
  };
}

function withHoldout(data: Dataset, r: DataRequest): Dataset {
  if (r.valSplit === undefined) return data;
  const seed = r.seed ?? 0;
  const { train, validation } = holdOut(data.train, r.valSplit, seed);
  const test: Split = r.testLimit !== undefined && r.testLimit < validation.count ? { ...validation, count: r.testLimit, images: validation.images.subarray(0, r.testLimit * validation.images.length / validation.count), labels: validation.labels.subarray(0, r.testLimit) } : validation;
  return { ...data, train, test, evalSplit: 'validation', valSplit: { fraction: r.valSplit, seed }, ...(data.kind === 'idx' ? { finalTest: data.test } : {}) };
}

/** Loads `--data DIR` (IDX files or an image folder) for `ir`. */
export function loadData(r: DataRequest, ir: Ir): LoadedData {
  const dir = r.dir ?? defaultDataDir;
  positive('--limit', r.limit);
  positive('--test-limit', r.testLimit);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    if (existsSync(dir)) throw new DataError(`--data ${dir}: not a directory`);
    return { data: loadDataset({ dir }), found: '' }; // the IDX loader's message names the flag or the Debian package
  }
  if (!hasIdxFiles(dir) && hasSubfolders(dir)) return loadImageFolder(dir, r, ir);
  if (!hasIdxFiles(dir)) throw new DataError(`${dir}: neither IDX files (train-images-idx3-ubyte[.gz], …) nor class folders (${dir}/train/<class>/*.png or ${dir}/<class>/*.png)`);
  // With --val-split, --test-limit applies to the held-out images; the whole test split is kept for training's final
  // figure (one evaluation of the final weights).
  const data = loadDataset({ dir, limit: r.limit, testLimit: r.valSplit === undefined ? r.testLimit : undefined });
  checkClassCount(ir, dir, data.classNames, false);
  return { data: withHoldout(data, r), found: `IDX files ${dir}` };
}
