// netc export: trained weights -> an interchange file. --format onnx writes one .onnx model; each format is one
// branch of writeFormat, so another exporter is one more case there.
import { Model, Rng, exportOnnx, loadWeights, startBackend, writeOnnxFile, type TorchWeights } from '../runtime/index.js';
import type { Ir } from '../compiler/ir.js';
import type { CommandArgs } from './option_parser.js';
import type { exportFormats, exportOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';
import { humanStream } from './runtime_setup.js';

type Format = (typeof exportFormats)[number];

/** What was written: a line for people and the `--json` object (docs/runtime.md, "Exporting to ONNX"). */
interface Written {
  text: string;
  json: Record<string, unknown>;
}

const shapeText = (shape: (number | string)[]) => `[${shape.join(', ')}]`;

function writeFormat(format: Format, ir: Ir, weights: TorchWeights, out: string, opset: number): Written {
  switch (format) {
    case 'onnx': {
      const model = exportOnnx(ir, weights, { opset });
      writeOnnxFile(out, model.bytes);
      const { input, output } = model;
      return {
        text: `wrote ${out} (${(model.bytes.length / 1e6).toFixed(1)} MB): ONNX opset ${opset}, ${model.nodes} nodes, ${model.initializers} initializers (${ir.totalParams.toLocaleString('en-US')} params); input '${input.name}' ${shapeText(input.shape)} float32, output '${output.name}' ${shapeText(output.shape)} (logits)`,
        json: { network: ir.network, format, file: out, bytes: model.bytes.length, opset, input, output, nodes: model.nodes, initializers: model.initializers },
      };
    }
    case 'pytorch':
      // The PyTorch exporter (runtime/io/pytorch/) plugs in here: exportPytorch(ir, weights, out).
      throw new UsageError('--format pytorch is not available in this build of netc (use --format onnx)');
  }
}

export async function exportCommand(args: CommandArgs<typeof exportOptions>): Promise<number> {
  const { weights, out, format, opset } = args.options;
  if (!weights || !out) throw new UsageError('netc export needs --weights DIR|FILE and -o/--out FILE');
  const ir = compileForCommand(args);
  if (!ir) return 1;
  // The cpu backend is enough to hold the weights on their way from one file to another.
  await startBackend('cpu');
  const model = Model.create(ir, new Rng(0));
  try {
    loadWeights(model, weights, args.options.map);
    const written = writeFormat(format, ir, await model.exportWeights(), out, opset);
    humanStream(args).write(`${written.text}\n`);
    if (args.options.json) process.stdout.write(`${JSON.stringify(written.json)}\n`);
    return 0;
  } finally {
    model.dispose();
  }
}
