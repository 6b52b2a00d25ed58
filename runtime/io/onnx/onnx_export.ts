// IR + weights (PyTorch layout, by netc's names) → an ONNX model: walks the nodes in order through the mapping table
// (onnx_ops.ts), one float32 input in NCHW (or [N, F]) with a symbolic batch, one output of logits.
import type { Ir, IrNode } from '../../../compiler/ir.js';
import type { TorchWeights } from '../../model.js';
import { WeightError } from '../../errors.js';
import { MAX_PROTOBUF_BYTES, OnnxGraph, type OnnxValueInfo } from './onnx_graph.js';
import { onnxExportFor, type OnnxContext } from './onnx_ops.js';

/** The opsets the mapping is written for: every op it emits means the same from 13 to 17 (18 moves ReduceMean's axes). */
export const ONNX_OPSETS = { min: 13, max: 17, default: 13 } as const;

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'logits';

export interface OnnxModel {
  bytes: Uint8Array;
  opset: number;
  input: OnnxValueInfo;
  output: OnnxValueInfo;
  nodes: number;
  initializers: number;
}

/** Every IR parameter present with its exact shape, and nothing else (a one-line WeightError otherwise). */
function checkWeights(ir: Ir, weights: TorchWeights): void {
  const problems: string[] = [];
  const params = ir.nodes.flatMap((n) => n.params);
  for (const p of params) {
    const w = weights.get(p.name);
    if (!w) problems.push(`missing '${p.name}'`);
    else if (w.shape.length !== p.shape.length || w.shape.some((d, i) => d !== p.shape[i]) || w.data.length !== p.shape.reduce((a, b) => a * b, 1)) {
      problems.push(`'${p.name}' has shape [${w.shape.join(', ')}], the network needs [${p.shape.join(', ')}]`);
    }
  }
  const known = new Set(params.map((p) => p.name));
  for (const name of weights.keys()) if (!known.has(name)) problems.push(`unknown weight '${name}'`);
  if (problems.length > 0) throw new WeightError(`${problems.length} weight${problems.length === 1 ? '' : 's'} do not fit ${ir.network}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`);
}

function contextFor(node: IrNode, graph: OnnxGraph, values: Map<string, string>, shapes: Map<string, number[]>, weights: TorchWeights, used: Set<string>): OnnxContext {
  const base = node.name;
  const param = (suffix: string) => {
    const name = `${node.name}.${suffix}`;
    const w = weights.get(name);
    if (!w || !node.params.some((p) => p.name === name)) throw new Error(`ONNX export of ${node.op}: '${node.name}' has no parameter '${suffix}'`);
    if (!used.has(name)) graph.initializer(name, w.shape, w.data);
    used.add(name);
    return name;
  };
  const floats = (v: ArrayLike<number>, dims = [v.length]) => graph.constant(`${base}/const`, dims, Float32Array.from(v));
  const int64s = (v: number[], dims = [v.length]) => graph.constant(`${base}/const`, dims, v, 'int64');
  return {
    node,
    inputs: node.inputs.map((i) => values.get(i)!),
    inputShapes: node.inputs.map((i) => shapes.get(i)!),
    graphInput: ONNX_INPUT,
    graph,
    param,
    channelParam: (suffix) => (node.shape.length === 3 ? graph.node('Reshape', [param(suffix), int64s([node.shape[0], 1, 1])], `${base}/${suffix}`) : param(suffix)),
    op: (opType, inputs, attrs) => graph.node(opType, inputs, `${base}/${opType}`, attrs),
    floats,
    int64s,
  };
}

export function exportOnnx(ir: Ir, weights: TorchWeights, { opset = ONNX_OPSETS.default }: { opset?: number } = {}): OnnxModel {
  if (!Number.isInteger(opset) || opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max) throw new RangeError(`ONNX opset ${opset}: netc writes opsets ${ONNX_OPSETS.min} to ${ONNX_OPSETS.max}`);
  checkWeights(ir, weights);
  const graph = new OnnxGraph();
  graph.reserve(ONNX_INPUT);
  const values = new Map<string, string>();
  const shapes = new Map<string, number[]>(ir.nodes.map((n) => [n.name, n.shape]));
  const used = new Set<string>();
  for (const node of ir.nodes) {
    const mapping = onnxExportFor(node.op);
    if (!mapping) throw new Error(`no ONNX mapping for op '${node.op}' (runtime/io/onnx/onnx_ops.ts)`);
    const before = graph.nodes.length;
    const value = mapping.export(contextFor(node, graph, values, shapes, weights, used));
    // A value the node made itself is named for the node (`stage2.0.conv1`), so the graph reads like the IR.
    const own = graph.nodes.slice(before).some((n) => n.output!.includes(value));
    values.set(node.name, own && graph.rename(value, node.name) ? node.name : value);
  }
  const unused = ir.nodes.flatMap((n) => n.params.map((p) => p.name)).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`ONNX export left parameters out: ${unused.join(', ')}`);
  // The output is a value of its own: renamed, or an Identity when the network's last value is its input.
  const last = values.get(ir.output)!;
  const result = graph.rename(last, ONNX_OUTPUT) ? ONNX_OUTPUT : graph.node('Identity', [last], ONNX_OUTPUT);
  const outShape = ir.nodes.find((n) => n.name === ir.output)!.shape;
  const input: OnnxValueInfo = { name: ONNX_INPUT, shape: ['N', ...ir.input] };
  const output: OnnxValueInfo = { name: result, shape: ['N', ...outShape] };
  const bytes = [...weights.values()].reduce((n, w) => n + w.data.byteLength, 0);
  if (bytes > MAX_PROTOBUF_BYTES) throw new WeightError(`${ir.network}: ${bytes.toLocaleString('en-US')} bytes of weights exceed ONNX's 2 GiB protobuf limit (netc writes no external data)`);
  const docString = `${ir.network} from ${ir.file}, exported by netc`;
  return { bytes: graph.encode(ir.network, input, output, opset, docString), opset, input, output, nodes: graph.nodes.filter((n) => n.opType !== 'Constant').length, initializers: graph.initializers.length };
}
