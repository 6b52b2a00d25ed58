// What a checkpoint says about the data it was trained on, for eval and predict when --weights names a
// checkpoint without its run directory's data.json: the header's `data` (data.json's content, kept in every
// checkpoint), or for older checkpoints what their resume settings recorded (directory, resize, normalization).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { DATA_INFO_FILE, readDataInfo, type DataInfo } from './data_info.js';
import { fashionMnistClasses } from './idx_files.js';
import { DataError } from '../errors.js';
import { CHECKPOINT_FORMAT, checkpointPath } from './checkpoint_files.js';
import { MAX_HEADER_BYTES } from '../io/safetensors.js';

/** The run's data.json if `weights` is (in) a run directory with one, else what the checkpoint records, else undefined. */
export function runDataInfo(weights: string): DataInfo | undefined {
  return readDataInfo(weights) ?? checkpointDataInfo(weights);
}

/** The data description a netc checkpoint's header carries (undefined for other files and headerless checkpoints). */
export function checkpointDataInfo(weights: string): DataInfo | undefined {
  const path = checkpointPath(weights);
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  const header = readHeader(path);
  if (!header) return undefined;
  const data = header.data as DataInfo | undefined;
  if (data !== undefined) {
    const ok = typeof data === 'object' && data !== null && data.version === 1 && Array.isArray(data.classNames) && Array.isArray(data.image) && data.image.length === 3 && typeof data.dir === 'string';
    if (!ok) throw new DataError(`${path}: corrupt netc checkpoint metadata (field 'data' is not a ${DATA_INFO_FILE} record: version 1 with dir, classNames and image)`);
    return data;
  }
  const s = header.settings as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null || typeof s.data !== 'string') return undefined;
  // Checkpoints written before `data` existed: their settings hold the directory, resize and normalization, and
  // for image folders the classes and image shape; IDX runs stored Fashion-MNIST-sized 28×28 images.
  const valSplit = (s.valSplit as DataInfo['valSplit']) ?? null;
  const normalization = (s.normalization as DataInfo['normalization']) ?? null;
  return {
    version: 1,
    kind: s.kind === 'image-folder' ? 'image-folder' : 'idx',
    dir: s.data,
    classNames: Array.isArray(s.classes) ? (s.classes as string[]) : /fashion/i.test(s.data) ? fashionMnistClasses : Array.from({ length: 10 }, (_, i) => String(i)),
    image: Array.isArray(s.image) && s.image.length === 3 ? (s.image as [number, number, number]) : [1, 28, 28],
    resize: typeof s.resize === 'number' ? s.resize : null,
    normalize: normalization ? 'auto' : 'none',
    normalization,
    valSplit,
    evalSplit: valSplit ? 'validation' : 'test',
    counts: { train: typeof s.limit === 'number' ? s.limit : 0, eval: 0 },
  };
}

/** Only the JSON header of a netc model.safetensors (the weights are read, and verified, by whoever loads them). */
function readHeader(path: string): Record<string, unknown> | undefined {
  const fd = openSync(path, 'r');
  try {
    const prefix = Buffer.alloc(8);
    if (readSync(fd, prefix, 0, 8, 0) < 8) return undefined;
    const length = prefix.readBigUInt64LE(0);
    if (length > BigInt(MAX_HEADER_BYTES)) return undefined; // not safetensors (or an old checkpoint.netc): the loader says why
    const json = Buffer.alloc(Number(length));
    if (readSync(fd, json, 0, json.length, 8) < json.length) return undefined;
    const parsed = JSON.parse(json.toString('utf8')) as { __metadata__?: Record<string, string> };
    if (parsed.__metadata__?.format !== CHECKPOINT_FORMAT) return undefined;
    const header = JSON.parse(parsed.__metadata__.netc ?? 'null') as unknown;
    return typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // a damaged file: loading its weights reports it, naming the file
  } finally {
    closeSync(fd);
  }
}
