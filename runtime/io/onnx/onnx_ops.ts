// The ONNX export mapping, one entry per IR op keyed by the compiler's op name (registry layers and the structural
// input/add/concat/scale): adding a layer means adding its entry here (the registry walk fails until it exists).
import type { IrNode } from '../../../compiler/ir.js';
import type { Shape } from '../../../compiler/ops/op_spec.js';
import type { OnnxAttr, OnnxGraph } from './onnx_graph.js';
import { convExports } from './onnx_conv.js';
import { poolExports } from './onnx_pool.js';
import { normExports } from './onnx_norm.js';
import { actExports } from './onnx_act.js';
import { shapeExports } from './onnx_shape.js';

/** What a mapping sees of one IR node: its ONNX inputs (NCHW, or [N, F] for flat values) and ways to add to the graph. */
export interface OnnxContext {
  node: IrNode;
  /** The ONNX values of the node's IR inputs, in order. */
  inputs: string[];
  /** Their per-example shapes ([C, H, W] or [F]). */
  inputShapes: Shape[];
  /** The graph input's name (for the `input` node). */
  graphInput: string;
  graph: OnnxGraph;
  /** The initializer of the node's parameter `suffix`, named as netc names it (`stage2.0.conv1.weight`). */
  param(suffix: string): string;
  /** A per-channel parameter shaped to broadcast over [N, C, H, W] ([C, 1, 1]; as is for a flat node). */
  channelParam(suffix: string): string;
  /** Adds a node reading `inputs`; returns its output's name. */
  op(opType: string, inputs: string[], attrs?: Record<string, OnnxAttr>): string;
  floats(values: ArrayLike<number>, dims?: number[]): string;
  int64s(values: number[], dims?: number[]): string;
}

export interface OnnxExport {
  /** The ONNX ops it becomes, for docs/runtime.md's mapping table. */
  doc: string;
  /** Adds the node's ONNX ops; returns the value holding its output (an input's name when it passes through). */
  export(ctx: OnnxContext): string;
}

export type OnnxExportTable = Record<string, OnnxExport>;

/** The family tables as one; an op in two of them is a bug, reported when the module loads. */
function merged(...tables: OnnxExportTable[]): OnnxExportTable {
  const all: OnnxExportTable = {};
  for (const table of tables) {
    for (const [op, entry] of Object.entries(table)) {
      if (Object.hasOwn(all, op)) throw new Error(`two ONNX export entries for '${op}'`);
      all[op] = entry;
    }
  }
  return all;
}

export const onnxExports: Readonly<OnnxExportTable> = merged(shapeExports, convExports, poolExports, normExports, actExports);

export const onnxExportFor = (op: string): OnnxExport | undefined => (Object.hasOwn(onnxExports, op) ? onnxExports[op] : undefined);

/** Where the generated mapping table sits in docs/runtime.md. */
export const onnxTableMarkers = ['<!-- onnx table: generated from runtime/io/onnx/onnx_ops.ts by scripts/onnx_doc.ts -->', '<!-- end of onnx table -->'] as const;

export function onnxTableMarkdown(): string {
  const rows = Object.entries(onnxExports).map(([op, e]) => `| \`${op}\` | ${e.doc.replace(/\|/g, '\\|')} |`);
  return ['| netc op | ONNX (opset 13) |', '|---|---|', ...rows].join('\n');
}

/** docs/runtime.md with its ONNX mapping table replaced by the table's current one. */
export function withOnnxTable(doc: string): string {
  const [open, close] = onnxTableMarkers;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/runtime.md lacks the ONNX table markers ${open} … ${close}`);
  return `${doc.slice(0, start + open.length)}\n${onnxTableMarkdown()}\n${doc.slice(end)}`;
}
