// Finds the images of a torchvision ImageFolder: DIR/train/<class>/… and DIR/test/<class>/…, or DIR/<class>/….
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';

/** torchvision's IMG_EXTENSIONS narrowed to what netc decodes. */
export const imageExtensions = ['.png', '.jpg', '.jpeg'];

export interface LabeledFile {
  path: string;
  label: number;
}

export interface FolderLayout {
  /** 'train-test': DIR/train and DIR/test; 'classes': DIR/<class> (evaluation needs --val-split). */
  layout: 'train-test' | 'classes';
  /** Sorted folder names, as torchvision's ImageFolder.find_classes. */
  classNames: string[];
  train: LabeledFile[];
  test?: LabeledFile[];
}

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    throw new DataError(`${dir}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Image files under `dir`, sub-folders included (as ImageFolder walks them), in sorted order. */
function imagesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of entries(dir)) {
    const path = join(dir, name);
    if (isDir(path)) out.push(...imagesUnder(path));
    else if (imageExtensions.some((ext) => name.toLowerCase().endsWith(ext))) out.push(path);
  }
  return out;
}

/** Whether `dir` has sub-folders (a candidate image folder) — IDX directories hold files only. */
export function hasSubfolders(dir: string): boolean {
  return entries(dir).some((name) => isDir(join(dir, name)));
}

function classFolders(dir: string): string[] {
  const classes = entries(dir).filter((name) => isDir(join(dir, name)));
  if (classes.length === 0) throw new DataError(`${dir}: no class folders (expected ${dir}/<class>/*.png|jpg)`);
  return classes;
}

function filesOf(dir: string, classes: string[], labels: Map<string, number>): LabeledFile[] {
  const files: LabeledFile[] = [];
  for (const name of classes) {
    const found = imagesUnder(join(dir, name));
    if (found.length === 0) throw new DataError(`${join(dir, name)}: empty class folder (no .png, .jpg or .jpeg files)`);
    const label = labels.get(name)!;
    for (const path of found) files.push({ path, label });
  }
  return files;
}

export function scanImageFolder(dir: string): FolderLayout {
  const trainDir = join(dir, 'train');
  const testDir = join(dir, 'test');
  if (isDir(trainDir) || isDir(testDir)) {
    if (!isDir(trainDir)) throw new DataError(`${dir}: has test/ but no train/ folder`);
    if (!isDir(testDir)) throw new DataError(`${dir}: has train/ but no test/ folder; add ${testDir}/<class>/…, or put the class folders in ${dir} and pass --val-split 0.2`);
    const classNames = classFolders(trainDir);
    const labels = new Map(classNames.map((name, i) => [name, i]));
    const testClasses = classFolders(testDir);
    const unknown = testClasses.filter((name) => !labels.has(name));
    if (unknown.length) throw new DataError(`${testDir}: class folder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')} not in ${trainDir} (train has ${classNames.join(', ')})`);
    return { layout: 'train-test', classNames, train: filesOf(trainDir, classNames, labels), test: filesOf(testDir, testClasses, labels) };
  }
  const classNames = classFolders(dir);
  const labels = new Map(classNames.map((name, i) => [name, i]));
  return { layout: 'classes', classNames, train: filesOf(dir, classNames, labels) };
}
