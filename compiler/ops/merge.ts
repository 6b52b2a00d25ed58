// Structural merges the compiler emits: add (residual), concat (channels) and scale (per-channel multiply).
import { type Shape, type ShapeResult, formatShape } from './op_spec.js';

/** residual: body and shortcut must agree exactly (compiler/residual_mismatch.ts finds the cause and the fix). */
export function addShape(body: Shape, shortcut: Shape): ShapeResult {
  if (body.length === shortcut.length && body.every((d, i) => d === shortcut[i])) return { shape: body };
  return { error: 'NET3003', args: { body: formatShape(body), shortcut: formatShape(shortcut) } };
}

/**
 * The branches that disagree with the rest: those outside the largest group of equal keys (on a tie, the group
 * of the first branch), so the message can name the odd one out rather than every branch.
 */
export function oddOnesOut(keys: string[]): { odd: number[]; common: number[] } {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]));
  let common = groups.get(keys[0])!;
  for (const g of groups.values()) if (g.length > common.length) common = g;
  return { odd: keys.map((_, i) => i).filter((i) => !common.includes(i)), common };
}

/** `'b3' gives [64, 30, 30] where the others give 32×32`, or each branch when there is no majority. */
function disagreement(branches: Shape[], names: string[], key: (s: Shape) => string, describeCommon: (s: Shape) => string): { details: string; odd: number } {
  const { odd, common } = oddOnesOut(branches.map(key));
  const gives = (i: number) => `'${names[i]}' gives ${formatShape(branches[i])}`;
  const oddText = odd.map(gives).join(odd.length > 2 ? ', ' : ' and ');
  const details = common.length > odd.length && common.length > 1
    ? `${oddText}, where the others give ${describeCommon(branches[common[0]])}`
    : `${common.map(gives).join(', ')} but ${oddText}`;
  return { details, odd: odd[0] };
}

/**
 * concat: channels add up; height×width (images) must agree, and every branch must have the same rank.
 * `names` are the branches as the IR names them (label, `branch2`, `conv3`), for the messages.
 */
export function concatShape(branches: Shape[], names: string[] = branches.map((_, i) => `branch${i + 1}`)): ShapeResult {
  if (branches.some((s) => s.length !== branches[0].length)) {
    const { details, odd } = disagreement(branches, names, (s) => (s.length === 3 ? 'image' : 'flat'), (s) => (s.length === 3 ? 'images' : 'flat features'));
    return { error: 'NET3011', args: { details, odd } };
  }
  if (branches[0].length === 3) {
    const [, h, w] = branches[0];
    if (branches.some((s) => s[1] !== h || s[2] !== w)) {
      const { details, odd } = disagreement(branches, names, (s) => `${s[1]}×${s[2]}`, (s) => `${s[1]}×${s[2]}`);
      return { error: 'NET3002', args: { details, odd } };
    }
    return { shape: [branches.reduce((n, s) => n + s[0], 0), h, w] };
  }
  return { shape: [branches.reduce((n, s) => n + s[0], 0)] };
}

/** scale: the body's [C] or [C, 1, 1] output multiplies the [C, H, W] input per channel (squeeze-and-excite). */
export function scaleShape(input: Shape, gate: Shape): ShapeResult {
  const c = input[0];
  const ok = (gate.length === 1 && gate[0] === c) || (gate.length === 3 && gate[0] === c && gate[1] === 1 && gate[2] === 1);
  if (ok || (gate.length === input.length && gate.every((d, i) => d === input[i]))) return { shape: input };
  return { error: 'NET3010', args: { got: formatShape(gate), channels: c, input: formatShape(input), hint: scaleHint(c, gate) } };
}

/** A fix in the body's own kind: features for a flat gate, a 1×1 conv (after pooling) for an image-shaped one. */
function scaleHint(channels: number, gate: Shape): string {
  if (gate.length === 1) return `end the body with ${channels} features, e.g. 'dense(in.channels); sigmoid'`;
  if (gate[1] === 1 && gate[2] === 1) return `end the body with ${channels} channels, e.g. 'conv(in.channels, kernel: 1); sigmoid'`;
  if (gate[0] === channels) return `pool the body to 1×1 per channel, e.g. end it with 'global_avgpool; sigmoid'`;
  return `pool the body to 1×1 and map it to ${channels} channels, e.g. end it with 'global_avgpool; conv(in.channels, kernel: 1); sigmoid'`;
}
