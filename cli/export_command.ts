// netc export: trained weights -> an interchange file. --format onnx writes one .onnx model; --format pytorch a
// directory with model.py, model.safetensors and train_ddp.py. Each format is one branch of writeFormat.
import { Model, Rng, exportOnnx, exportPytorch, loadWeights, readCheckpoint, readWeightFile, startBackend, trainingFromCheckpoint, writeOnnxFile, type TorchWeights } from '../runtime/index.js';
import type { Ir } from '../compiler/ir.js';
import type { CommandArgs } from './option_parser.js';
import type { exportFormats, exportOptions } from './command_options.js';
import { UsageError } from './usage_error.js';
import { compileForCommand } from './compile_input.js';
import { humanStream } from './runtime_setup.js';

type Format = (typeof exportFormats)[number];
const NETC_VERSION = '0.1.0';

/** What was written: a line for people and the `--json` object (docs/runtime.md, "Exporting to ONNX"). */
interface Written {
  text: string;
  json: Record<string, unknown>;
}

const shapeText = (shape: (number | string)[]) => `[${shape.join(', ')}]`;

function writeFormat(format: Format, ir: Ir, weights: TorchWeights, out: string, opset: number, source: string): Written {
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
    case 'pytorch': {
      // A netc run also gives train_ddp.py its optimizer, schedule and data settings, and the optimizer state.
      const kind = readWeightFile(source).kind;
      const checkpoint = kind === 'run' || kind === 'checkpoint' ? readCheckpoint(source) : undefined;
      const files = exportPytorch(ir, weights, out, {
        training: checkpoint && trainingFromCheckpoint(checkpoint.header),
        optimizerState: checkpoint?.header.optimizer && { step: checkpoint.header.optimizer.step, slots: checkpoint.slots },
        netcVersion: NETC_VERSION,
      });
      return {
        text: `wrote ${out}: ${files.map((f) => f.split('/').pop()).join(', ')} (${ir.totalParams.toLocaleString('en-US')} params); continue with: torchrun --nproc_per_node=N ${out}/train_ddp.py`,
        json: { network: ir.network, format, dir: out, files, training: checkpoint !== undefined },
      };
    }
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
    const written = writeFormat(format, ir, await model.exportWeights(), out, opset, weights);
    humanStream(args).write(`${written.text}\n`);
    if (args.options.json) process.stdout.write(`${JSON.stringify(written.json)}\n`);
    return 0;
  } finally {
    model.dispose();
  }
}
