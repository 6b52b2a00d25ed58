// netc's image folders against torchvision's ImageFolder and PIL (Debian's Python): the same classes, files and
// labels in the same order; PNG pixels identical, JPEG within decoder rounding, RGB→gray as PIL's convert('L').
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanImageFolder } from '../../../runtime/data/image_folder.js';
import { readImage } from '../../../runtime/data/image_files.js';
import { mapChannels } from '../../../runtime/data/channel_map.js';
import { writeFashionImageFolder } from '../../../scripts/fashion_image_folder.js';
import { pngBytes } from '../../helpers/png_bytes.js';
import { pythonRequired, pythonStatus, runPython } from '../../helpers/python.js';

const script = `
import json, sys
import numpy as np
from PIL import Image
from torchvision.datasets import ImageFolder
dirs = json.load(sys.stdin)
out = []
for d in dirs:
    ds = ImageFolder(d)
    files = [{'path': p, 'label': l} for p, l in ds.samples]
    pixels = [np.asarray(Image.open(p).convert('RGB')).reshape(-1).tolist() for p, _ in ds.samples[:6]]
    gray = [np.asarray(Image.open(p).convert('L')).reshape(-1).tolist() for p, _ in ds.samples[:6]]
    out.append({'classes': ds.classes, 'files': files, 'rgb': pixels, 'gray': gray})
print(json.dumps(out))
`;

test('classes, files, labels and pixels agree with torchvision ImageFolder and PIL', (t) => {
  const status = pythonStatus();
  if (!status.ready) {
    if (pythonRequired()) return t.fail(status.reason);
    t.log(status.reason);
    return t.pass();
  }
  const png = mkdtempSync(join(tmpdir(), 'netc-tv-png-'));
  writeFashionImageFolder({ out: png, classes: [3, 8, 9], trainPerClass: 4, testPerClass: 1, format: 'png', color: 'rgb' });
  // Interlaced and 2-bit files too, in a class folder's sub-folder (ImageFolder walks them).
  const sub = join(png, 'train', 'bag', 'more');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, 'a_interlaced.png'), pngBytes({ width: 9, height: 7, colorType: 2, depth: 8, interlace: true, samples: Array.from({ length: 189 }, (_, i) => (i * 53) % 256) }));
  writeFileSync(join(sub, 'b_2bit.png'), pngBytes({ width: 5, height: 3, colorType: 0, depth: 2, samples: Array.from({ length: 15 }, (_, i) => i % 4) }));
  const jpg = mkdtempSync(join(tmpdir(), 'netc-tv-jpg-'));
  writeFashionImageFolder({ out: jpg, classes: [0, 5], trainPerClass: 3, testPerClass: 1, format: 'jpeg', color: 'rgb' });
  const dirs = [join(png, 'train'), join(jpg, 'train')];
  const py = runPython<{ classes: string[]; files: { path: string; label: number }[]; rgb: number[][]; gray: number[][] }[]>(script, dirs);
  dirs.forEach((dir, k) => {
    const netc = scanImageFolder(dir.replace(/\/train$/, ''));
    t.deepEqual(netc.classNames, py[k].classes);
    t.deepEqual(netc.train, py[k].files, 'the same files with the same labels, in the same order');
    const tolerance = k === 0 ? 0 : 3; // PNG is lossless; jpeg-js and libjpeg round their IDCTs differently
    py[k].rgb.forEach((expected, i) => {
      const image = readImage(netc.train[i].path);
      const rgb = image.channels === 3 ? [...image.data] : [...image.data].flatMap((v) => [v, v, v]);
      const worst = Math.max(...rgb.map((v, j) => Math.abs(v - expected[j])));
      t.true(worst <= tolerance, `${netc.train[i].path}: max |netc − PIL| = ${worst}`);
      // PIL's convert('L') is ITU-R 601 in fixed point; netc's float version rounds within one level.
      const gray = [...mapChannels(image, 1, 'x')].map((v) => Math.round(v * 255));
      const grayWorst = Math.max(...gray.map((v, j) => Math.abs(v - py[k].gray[i][j])));
      t.true(grayWorst <= tolerance + 1, `${netc.train[i].path}: gray max diff ${grayWorst}`);
    });
  });
  t.true(py[0].files.some((f) => f.path.endsWith('a_interlaced.png')));
});
