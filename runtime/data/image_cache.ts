// Decodes an image folder's files once per run into compact uint8 NHWC splits; unreadable files are named and skipped.
import { DataError } from '../errors.js';
import type { Split } from '../platform/idx_files.js';
import type { LabeledFile } from '../platform/image_folder.js';
import { readImage, fitImage } from './image_files.js';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DecodeReport {
  images: number;
  seconds: number;
  skipped: SkippedFile[];
}

export interface DecodeOptions {
  /** [C, H, W] every image is fitted to (the network's input, or --resize). */
  shape: [number, number, number];
  /** Names the network's input line in channel errors. */
  where: string;
  /** An unreadable file is an error instead of skipped (--strict). */
  strict: boolean;
}

/** Decodes `files` into one split; `report` collects what was skipped. */
export function decodeSplit(files: LabeledFile[], o: DecodeOptions, report: DecodeReport): Split {
  const [c, h, w] = o.shape;
  const size = c * h * w;
  const images = new Uint8Array(files.length * size);
  const labels = new Int32Array(files.length);
  const started = performance.now();
  let count = 0;
  for (const file of files) {
    let pixels: Float32Array;
    try {
      pixels = fitImage(readImage(file.path), o.shape, o.where);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      if (o.strict) throw new DataError(`${error.message} (--strict: unreadable files are errors)`);
      report.skipped.push({ path: file.path, reason: error.message.slice(file.path.length + 2) });
      continue;
    }
    const base = count * size;
    for (let i = 0; i < size; i++) images[base + i] = Math.round(pixels[i] * 255);
    labels[count++] = file.label;
  }
  report.images += count;
  report.seconds += (performance.now() - started) / 1000;
  return { images: images.slice(0, count * size), labels: labels.slice(0, count), count, shape: [c, h, w] };
}

/** "decoded 1,234 images (3 classes) in 1.8 s; 2 unreadable files skipped: a.png (bad CRC), …" */
export function describeDecode(report: DecodeReport, classes: number): string {
  const head = `decoded ${report.images.toLocaleString('en-US')} images (${classes} classes) in ${report.seconds.toFixed(1)} s`;
  if (report.skipped.length === 0) return head;
  const shown = report.skipped.slice(0, 5).map((s) => `${s.path} (${s.reason})`);
  const more = report.skipped.length > 5 ? `, and ${report.skipped.length - 5} more` : '';
  return `${head}; ${report.skipped.length} unreadable file${report.skipped.length === 1 ? '' : 's'} skipped (--strict makes this an error): ${shown.join(', ')}${more}`;
}
