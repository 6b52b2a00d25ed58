// Writes an ImageFolder (DIR/train/<class>/*.png|jpg, DIR/test/<class>/…) from Fashion-MNIST's IDX files, for tests
// and demos: `node dist/scripts/fashion_image_folder.js OUT [--classes 5,6,7,8,9] [--train 100] [--test all] [--format png|jpeg] [--color gray|rgb] [--flat]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { loadDataset, defaultDataDir, fashionMnistClasses, type Split } from '../runtime/data/dataset.js';

export interface FolderSpec {
  out: string;
  /** Fashion-MNIST class indexes to include (default: all ten). */
  classes?: number[];
  /** Training images per class (default 100); test images per class (default: all of the test split). */
  trainPerClass?: number;
  testPerClass?: number;
  format?: 'png' | 'jpeg';
  /** rgb tints each image by its class, so the channels differ (a real RGB input, not gray three times). */
  color?: 'gray' | 'rgb';
  /** DIR/<class>/… (for --val-split) instead of DIR/train and DIR/test. */
  flat?: boolean;
  /** Fashion-MNIST's directory (default: Debian's). */
  source?: string;
}

/** Class-folder names: Fashion-MNIST's names with spaces as underscores ("ankle_boot"). */
export const folderName = (index: number): string => fashionMnistClasses[index].replace(/\s+/g, '_');

/** Encodes one 28×28 gray image as PNG or JPEG, in gray or tinted RGB. */
export function encodeImage(gray: Uint8Array, width: number, height: number, format: 'png' | 'jpeg', color: 'gray' | 'rgb', tint = 0): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  const t = [[1, 0.6, 0.3], [0.3, 1, 0.6], [0.6, 0.3, 1]][tint % 3];
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = color === 'rgb' ? Math.round(gray[i] * t[c]) : gray[i];
    rgba[i * 4 + 3] = 255;
  }
  if (format === 'jpeg') return jpeg.encode({ width, height, data: rgba }, 95).data;
  // colorType 0 (gray) or 2 (RGB), 8 bits: what most tools write.
  return PNG.sync.write(Object.assign(new PNG({ width, height }), { data: rgba }), { colorType: color === 'rgb' ? 2 : 0, inputColorType: 6 });
}

function writeSplit(split: Split, dir: string, classes: number[], perClass: number | undefined, spec: Required<Pick<FolderSpec, 'format' | 'color'>>): number {
  const [, h, w] = split.shape;
  const size = h * w;
  const written = new Map<number, number>(classes.map((c) => [c, 0]));
  for (const c of classes) mkdirSync(join(dir, folderName(c)), { recursive: true });
  let total = 0;
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i];
    const n = written.get(label);
    if (n === undefined || (perClass !== undefined && n >= perClass)) continue;
    const bytes = encodeImage(split.images.subarray(i * size, (i + 1) * size), w, h, spec.format, spec.color, label);
    writeFileSync(join(dir, folderName(label), `${String(i).padStart(5, '0')}.${spec.format === 'png' ? 'png' : 'jpg'}`), bytes);
    written.set(label, n + 1);
    total++;
  }
  return total;
}

/** Writes the folder; returns how many images went into train and test. */
export function writeFashionImageFolder(spec: FolderSpec): { train: number; test: number } {
  const classes = spec.classes ?? fashionMnistClasses.map((_, i) => i);
  const options = { format: spec.format ?? 'png', color: spec.color ?? 'gray' } as const;
  const data = loadDataset({ dir: spec.source ?? defaultDataDir });
  const trainDir = spec.flat ? spec.out : join(spec.out, 'train');
  const train = writeSplit(data.train, trainDir, classes, spec.trainPerClass ?? 100, options);
  const test = spec.flat ? 0 : writeSplit(data.test, join(spec.out, 'test'), classes, spec.testPerClass, options);
  return { train, test };
}

function main(argv: string[]): void {
  const out = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--') || argv[i - 1] === '--flat'));
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!out) {
    process.stderr.write('usage: node dist/scripts/fashion_image_folder.js OUT [--classes 5,6,7,8,9] [--train 100] [--test N|all] [--format png|jpeg] [--color gray|rgb] [--flat]\n');
    process.exit(2);
  }
  const test = value('test');
  const counts = writeFashionImageFolder({
    out,
    classes: value('classes')?.split(',').map(Number),
    trainPerClass: Number(value('train') ?? 100),
    testPerClass: test === undefined || test === 'all' ? undefined : Number(test),
    format: (value('format') as 'png' | 'jpeg' | undefined) ?? 'png',
    color: (value('color') as 'gray' | 'rgb' | undefined) ?? 'gray',
    flat: argv.includes('--flat'),
  });
  process.stdout.write(`${out}: ${counts.train} train and ${counts.test} test images\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
