// Words for the drawing: shape labels (`64×56×56`, `[120]`) and a one-line summary of a layer's attributes.
import type { IrNode } from '../compiler/ir.js';

/** An image shape as C×H×W, a vector (or any 1-d shape) in brackets, as in the drawings. */
export const shapeLabel = (shape: number[]): string => (shape.length === 1 ? `[${shape[0]}]` : shape.join('×'));

const pair = (v: unknown): [number, number] | undefined => (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number') ? [v[0], v[1]] : typeof v === 'number' ? [v, v] : undefined);
const square = (p: [number, number]) => (p[0] === p[1] ? `${p[0]}` : `${p[0]}×${p[1]}`);

/** `7×7 /2, 64` for a conv, `3×3 /2` for a pool, `10` for a dense: the attributes that set the output shape. */
export function layerDetail(node: IrNode): string {
  if (node.op === 'input') return `input ${shapeLabel(node.shape)}`;
  const parts: string[] = [];
  const kernel = pair(node.attrs.kernel);
  if (kernel) parts.push(`${kernel[0]}×${kernel[1]}`);
  const stride = pair(node.attrs.stride);
  if (kernel && stride && (stride[0] !== 1 || stride[1] !== 1)) parts[parts.length - 1] += ` /${square(stride)}`;
  for (const key of ['channels', 'features', 'units', 'groups'] as const) {
    const v = node.attrs[key];
    if (typeof v === 'number' && !(key === 'groups' && v === 1)) parts.push(key === 'groups' ? `g${v}` : `${v}`);
  }
  if (typeof node.attrs.p === 'number') parts.push(`p=${node.attrs.p}`);
  return [node.op, parts.join(', ')].filter(Boolean).join(' ');
}
