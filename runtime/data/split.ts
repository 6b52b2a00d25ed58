// What a dataset is once loaded, wherever it came from (IDX files, an image folder, bytes a page fetched):
// environment-neutral types and the class names of the IDX datasets netc knows.

export const fashionMnistClasses = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
export const digitClasses = Array.from({ length: 10 }, (_, i) => String(i));

export interface Split {
  /** NHWC pixels 0–255 (a quarter of float32's memory; batches scale them to [0, 1]). */
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  /** [C, H, W] of one image. */
  shape: [number, number, number];
}

export interface Dataset {
  dir: string;
  /** IDX files (Fashion-MNIST's layout) or an image folder (torchvision's ImageFolder layout). */
  kind: 'idx' | 'image-folder';
  train: Split;
  /** The split accuracy is reported on: the test split, or the images --val-split held out of train. */
  test: Split;
  evalSplit: 'test' | 'validation';
  /** The fraction held out of train with --val-split (and the seed that chose it). */
  valSplit?: { fraction: number; seed: number };
  /** With --val-split: the dataset's test split, set aside for one evaluation of the final weights (absent when the
   * data has none, e.g. an image folder of class folders). */
  finalTest?: Split;
  classNames: string[];
}
