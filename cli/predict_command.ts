// netc predict: classify PNG/PGM images with trained weights, top-3 classes with probabilities.
import { Model, Rng, classify, fashionMnistClasses, loadWeights, planInput, readImage, resizeGray } from '../runtime/index.js';
import type { CommandArgs } from './option_parser.js';
import type { predictOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, humanStream } from './runtime_setup.js';

export async function predictCommand(args: CommandArgs<typeof predictOptions>): Promise<number> {
  const { weights, data } = args.options;
  if (!weights) throw new UsageError('netc predict needs --weights DIR');
  const images = args.files.slice(1);
  if (images.length === 0) throw new UsageError('netc predict needs at least one IMAGE (PNG or PGM)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const info = await backendFor(args);
  // Images go to the dataset's 28×28 first, then through the same input plan as training (e.g. --resize).
  const side = 28;
  const plan = planInput(ir.network, ir.input, [1, side, side], args.options.resize);
  const classNames = data && !/fashion/i.test(data) ? Array.from({ length: 10 }, (_, i) => String(i)) : fashionMnistClasses;
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, weights, args.options.map);
    const pixels = new Float32Array(images.length * side * side);
    images.forEach((path, i) => {
      let p = resizeGray(readImage(path), side, side);
      // Fashion-MNIST is light-on-dark; --invert turns a dark-on-light photo around.
      if (args.options.invert) p = p.map((v) => 1 - v);
      pixels.set(p, i * side * side);
    });
    const top = await classify(model, pixels, images.length, [1, side, side], plan, classNames);
    const results = images.map((image, i) => ({ image, predictions: top[i] }));
    const out = humanStream(args);
    for (const r of results) out.write(`${r.image}: ${r.predictions.map((p) => `${p.class} ${(p.probability * 100).toFixed(1)}%`).join(', ')}\n`);
    if (args.options.json) process.stdout.write(JSON.stringify({ network: ir.network, backend: info.backend, adapter: info.adapter, results }) + '\n');
    return 0;
  } finally {
    model.dispose();
  }
}
