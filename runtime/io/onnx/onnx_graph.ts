// An ONNX graph under construction — named values, initializers, constants, nodes — encoded as a ModelProto with
// protobufjs's static code of onnx.proto (the onnx-proto package), so netc writes no protobuf by hand.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** An attribute value, tagged with its ONNX type (a JS number cannot say whether it is an int or a float). */
export type OnnxAttr = { int: number } | { float: number } | { ints: number[] } | { floats: number[] } | { string: string };
export const int = (v: number): OnnxAttr => ({ int: v });
export const float = (v: number): OnnxAttr => ({ float: v });
export const ints = (v: number[]): OnnxAttr => ({ ints: v });
export const str = (v: string): OnnxAttr => ({ string: v });
/** ONNX's explicit pads for H and W: [top, left, bottom, right], with `extra` more at the bottom and right. */
export const pads = (p: [number, number], extra: [number, number] = [0, 0]): OnnxAttr => ints([p[0], p[1], p[0] + extra[0], p[1] + extra[1]]);

/** A graph input or output: a float32 tensor whose first dimension may be symbolic (`N`). */
export interface OnnxValueInfo {
  name: string;
  shape: (number | string)[];
}

/** ONNX's 2 GiB protobuf limit (netc writes no external data files). */
export const MAX_PROTOBUF_BYTES = 2 ** 31 - 1;

const DataType = onnx.TensorProto.DataType;

function attribute(name: string, value: OnnxAttr): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('int' in value) return { name, type: T.INT, i: value.int };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: T.INTS, ints: value.ints };
  if ('floats' in value) return { name, type: T.FLOATS, floats: value.floats };
  return { name, type: T.STRING, s: new TextEncoder().encode(value.string) };
}

function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array): onnxProto.onnx.ITensorProto {
  // raw_data is little-endian, as are the typed arrays of every platform Node runs on.
  const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dims, dataType: data instanceof Float32Array ? DataType.FLOAT : DataType.INT64, rawData };
}

function valueInfo({ name, shape }: OnnxValueInfo): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim } } } };
}

export class OnnxGraph {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly valueNames = new Set<string>();
  private readonly nodeNames = new Set<string>();

  /** `base`, or `base_2`, `base_3`, … : a value name not used yet. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.valueNames.has(name); i++) name = `${base}_${i}`;
    this.valueNames.add(name);
    return name;
  }

  private freshNode(base: string): string {
    let name = base;
    for (let i = 2; this.nodeNames.has(name); i++) name = `${base}_${i}`;
    this.nodeNames.add(name);
    return name;
  }

  /** Declares a name that already exists (the graph input). */
  reserve(name: string): void {
    if (this.valueNames.has(name)) throw new Error(`ONNX value '${name}' declared twice`);
    this.valueNames.add(name);
  }

  /** A float32 initializer under exactly `name` (netc's parameter names are unique, so a clash is a bug). */
  initializer(name: string, dims: number[], data: Float32Array): string {
    this.reserve(name);
    this.initializers.push(tensor(name, dims, data));
    return name;
  }

  /** A Constant node holding float32 or int64 values (helper constants are not initializers). */
  constant(base: string, dims: number[], values: Float32Array | number[], kind: 'float' | 'int64' = 'float'): string {
    const data = kind === 'int64' ? BigInt64Array.from(values as number[], (v) => BigInt(v)) : Float32Array.from(values);
    const output = this.fresh(base);
    this.nodes.push({ name: this.freshNode(output), opType: 'Constant', input: [], output: [output], attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: tensor('', dims, data) }] });
    return output;
  }

  /** Adds one node with a single output named `base` (made unique) and returns that output's name. */
  node(opType: string, inputs: string[], base: string, attrs: Record<string, OnnxAttr> = {}): string {
    const output = this.fresh(base);
    this.nodes.push({ name: this.freshNode(`${base}/${opType}`), opType, input: inputs, output: [output], attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)) });
    return output;
  }

  /** Renames a value a node produced, everywhere it is read; false when `to` is taken or no node produces `from`. */
  rename(from: string, to: string): boolean {
    if (from === to) return true;
    if (this.valueNames.has(to) || !this.nodes.some((n) => n.output!.includes(from))) return false;
    for (const n of this.nodes) {
      n.input = n.input!.map((v) => (v === from ? to : v));
      n.output = n.output!.map((v) => (v === from ? to : v));
    }
    this.valueNames.delete(from);
    this.valueNames.add(to);
    return true;
  }

  /** The encoded ModelProto (IR version 8, the default ONNX domain at `opset`). */
  encode(name: string, input: OnnxValueInfo, output: OnnxValueInfo, opset: number, docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'netc',
      producerVersion: '0.1.0',
      docString,
      opsetImport: [{ domain: '', version: opset }],
      graph: { name, node: this.nodes, initializer: this.initializers, input: [valueInfo(input)], output: [valueInfo(output)] },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
