// netc predict: classify PNG/JPEG/PGM images with trained weights, top-3 classes with probabilities.
import { DataError, Model, Rng, classify, fashionMnistClasses, fitImage, inputLine, loadWeights, normalizationFor, planInput, runDataInfo, readImage } from '../runtime/index.js';
import type { CommandArgs } from './option_parser.js';
import type { predictOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';
import { backendFor, humanStream } from './runtime_setup.js';

export async function predictCommand(args: CommandArgs<typeof predictOptions>): Promise<number> {
  const { weights, data } = args.options;
  if (!weights) throw new UsageError('netc predict needs --weights DIR');
  const images = args.files.slice(1);
  if (images.length === 0) throw new UsageError('netc predict needs at least one IMAGE (PNG, JPEG or PGM)');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  const run = runDataInfo(weights);
  const info = await backendFor(args);
  // Images are fitted to the size the run stored its data at (data.json), then go through the same input plan as
  // training (e.g. --resize on the device). Without data.json: the network's input size (28×28 for flat inputs).
  const input = ir.input.length === 3 ? (ir.input as [number, number, number]) : ([1, 28, 28] as [number, number, number]);
  const shape: [number, number, number] = run ? run.image : [input[0], input[1], input[2]];
  const resize = args.options.resize ?? run?.resize ?? undefined;
  const plan = planInput(ir.network, ir.input, shape, resize);
  const classNames = run?.classNames ?? (data && !/fashion/i.test(data) ? Array.from({ length: 10 }, (_, i) => String(i)) : fashionMnistClasses);
  const mode = args.options.normalize ?? run?.normalize ?? 'none';
  if (mode === 'auto' && !run?.normalization) throw new DataError(`--normalize auto needs the training split's statistics: pass --weights a run directory with data.json`);
  const normalization = args.options.normalize === undefined || mode === 'auto' ? run?.normalization ?? undefined : normalizationFor(mode, { images: new Uint8Array(0), labels: new Int32Array(0), count: 0, shape });
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, weights, args.options.map);
    const size = shape[0] * shape[1] * shape[2];
    const pixels = new Float32Array(images.length * size);
    images.forEach((path, i) => {
      let p = fitImage(readImage(path), shape, inputLine(ir));
      // Fashion-MNIST is light-on-dark; --invert turns a dark-on-light photo around.
      if (args.options.invert) p = p.map((v) => 1 - v);
      pixels.set(p, i * size);
    });
    const top = await classify(model, pixels, images.length, shape, plan, classNames, 3, normalization);
    const results = images.map((image, i) => ({ image, predictions: top[i] }));
    const out = humanStream(args);
    for (const r of results) out.write(`${r.image}: ${r.predictions.map((p) => `${p.class} ${(p.probability * 100).toFixed(1)}%`).join(', ')}\n`);
    if (args.options.json) process.stdout.write(JSON.stringify({ network: ir.network, backend: info.backend, adapter: info.adapter, results }) + '\n');
    return 0;
  } finally {
    model.dispose();
  }
}
