// Structural merges the compiler emits: add (residual), concat (channels) and scale (per-channel multiply).
import { type Shape, type ShapeResult, formatShape } from './op_spec.js';

/** residual: body and shortcut must agree exactly; the hint says which projection would fix it. */
export function addShape(body: Shape, shortcut: Shape): ShapeResult {
  if (body.length === shortcut.length && body.every((d, i) => d === shortcut[i])) return { shape: body };
  let hint = 'make the body keep its input shape, or give the residual a shortcut { … } that maps the input to the body\'s shape';
  if (body.length === 3 && shortcut.length === 3) {
    const stride = shortcut[1] % body[1] === 0 && shortcut[1] > body[1] ? shortcut[1] / body[1] : undefined;
    hint = `e.g. shortcut { conv(${body[0]}, kernel: 1${stride && stride > 1 ? `, stride: ${stride}` : ''}) }`;
  }
  return { error: 'NET3003', args: { body: formatShape(body), shortcut: formatShape(shortcut), hint } };
}

/** concat: channels add up; height×width (images) must agree, and every branch must have the same rank. */
export function concatShape(branches: Shape[]): ShapeResult {
  const describe = () => branches.map((s, i) => `branch ${i + 1} gives ${formatShape(s)}`).join(', ');
  if (branches.some((s) => s.length !== branches[0].length)) return { error: 'NET3011', args: { details: describe() } };
  if (branches[0].length === 3) {
    const [, h, w] = branches[0];
    if (branches.some((s) => s[1] !== h || s[2] !== w)) return { error: 'NET3002', args: { details: describe() } };
    return { shape: [branches.reduce((n, s) => n + s[0], 0), h, w] };
  }
  return { shape: [branches.reduce((n, s) => n + s[0], 0)] };
}

/** scale: the body's [C] or [C, 1, 1] output multiplies the [C, H, W] input per channel (squeeze-and-excite). */
export function scaleShape(input: Shape, gate: Shape): ShapeResult {
  const c = input[0];
  const ok = (gate.length === 1 && gate[0] === c) || (gate.length === 3 && gate[0] === c && gate[1] === 1 && gate[2] === 1);
  if (ok || (gate.length === input.length && gate.every((d, i) => d === input[i]))) return { shape: input };
  return { error: 'NET3010', args: { got: formatShape(gate), channels: c, input: formatShape(input) } };
}
