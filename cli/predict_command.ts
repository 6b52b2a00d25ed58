// netc predict: classify PNG/PGM images with trained weights, top-3 classes with probabilities.
import type { ParsedArgs } from './args.js';
import { UsageError, stringFlag } from './args.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, humanStream } from './runtime_setup.js';
import { Model } from '../runtime/model.js';
import { Rng } from '../runtime/rng.js';
import { loadWeights } from '../runtime/weights_source.js';
import { readImage, resizeGray } from '../runtime/data/image_files.js';
import { fashionMnistClasses } from '../runtime/data/dataset.js';
import { planInput } from '../runtime/data/input_fit.js';
import { classify } from '../runtime/predict.js';

export async function predictCommand(args: ParsedArgs): Promise<number> {
  const weights = stringFlag(args, 'weights');
  if (!weights) throw new UsageError('netc predict needs --weights DIR');
  const images = args.files.slice(1);
  if (images.length === 0) throw new UsageError('netc predict needs at least one IMAGE (PNG or PGM)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const info = await backendFor(args);
  // Images go to the dataset's 28×28 first, then through the same input plan as training (e.g. --resize).
  const side = 28;
  const plan = planInput(ir.network, ir.input, [1, side, side], args.flags.has('resize') ? Number(args.flags.get('resize')) : undefined);
  const classNames = stringFlag(args, 'data') && !/fashion/i.test(stringFlag(args, 'data')!) ? Array.from({ length: 10 }, (_, i) => String(i)) : fashionMnistClasses;
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, weights, stringFlag(args, 'map'));
    const pixels = new Float32Array(images.length * side * side);
    images.forEach((path, i) => {
      let p = resizeGray(readImage(path), side, side);
      // Fashion-MNIST is light-on-dark; --invert turns a dark-on-light photo around.
      if (args.flags.has('invert')) p = p.map((v) => 1 - v);
      pixels.set(p, i * side * side);
    });
    const top = await classify(model, pixels, images.length, [1, side, side], plan, classNames);
    const results = images.map((image, i) => ({ image, predictions: top[i] }));
    const out = humanStream(args);
    for (const r of results) out.write(`${r.image}: ${r.predictions.map((p) => `${p.class} ${(p.probability * 100).toFixed(1)}%`).join(', ')}\n`);
    if (args.flags.has('json')) process.stdout.write(JSON.stringify({ network: ir.network, backend: info.backend, adapter: info.adapter, results }) + '\n');
    return 0;
  } finally {
    model.dispose();
  }
}
