// The shortcut a mismatched residual needs: a projection from its input to its body's shape, as source that compiles.
import type { Shape } from './ops/op_spec.js';

/** One axis of a convolution window. */
export interface Window1d {
  kernel: number;
  stride: number;
  pad: number;
}

/**
 * The smallest window (kernel first, then padding, then stride) with floor((from + 2·pad − kernel) / stride) + 1
 * = to, PyTorch's size rule. A whole ratio gives kernel 1 and that stride (32 → 16: stride 2); 7 → 4 is stride 2
 * too (ceil(7 / 2)); 32 → 15 needs kernel 2. There is always one: a kernel of from − to + 1, or padding to grow.
 */
export function windowFor(from: number, to: number): Window1d {
  const grow = Math.max(0, to - from);
  for (let kernel = 1; kernel <= 11; kernel++) {
    for (let pad = 0; pad <= Math.ceil(grow / 2) + kernel; pad++) {
      const span = from + 2 * pad - kernel;
      if (span < 0) continue;
      // floor(span / stride) = to − 1: the smallest such stride is floor(span / to) + 1 (any stride when to is 1).
      const stride = Math.floor(span / to) + 1;
      if (Math.floor(span / stride) === to - 1) return { kernel, stride, pad };
    }
  }
  if (to <= from) return { kernel: from - to + 1, stride: 1, pad: 0 };
  const pad = Math.ceil(grow / 2);
  return { kernel: from + 2 * pad + 1 - to, stride: 1, pad };
}

/** Names, in the residual's scope, that hold the body's channel count or stride, so the fix fits every call. */
export interface FixNames {
  channels?: string;
  stride?: string;
}

const pairText = (a: number, b: number) => (a === b ? String(a) : `[${a}, ${b}]`);

/**
 * The shortcut that maps `input` to `body`, e.g. `shortcut { conv(128, kernel: 1, stride: 2) }`; inside a block,
 * written with the block's names and a condition (`shortcut if stride != 1 or in.channels != channels { … }`),
 * so that calls whose body keeps the shape keep the identity shortcut. undefined: no projection maps them.
 */
export function shortcutFix(input: Shape, body: Shape, names: FixNames): string | undefined {
  const channels = names.channels ?? String(body[0]);
  if (body.length === 1) {
    if (input.length === 3) return input[0] * input[1] * input[2] === body[0] ? 'shortcut { flatten }' : `shortcut { flatten; dense(${channels}) }`;
    return names.channels ? `shortcut if in.features != ${channels} { dense(${channels}) }` : `shortcut { dense(${channels}) }`;
  }
  if (input.length !== 3) return undefined;
  const [h, w] = [windowFor(input[1], body[1]), windowFor(input[2], body[2])];
  const plain = h.kernel === 1 && w.kernel === 1 && h.pad === 0 && w.pad === 0 && h.stride === w.stride;
  const stride = plain && names.stride ? names.stride : pairText(h.stride, w.stride);
  const args = [channels, `kernel: ${pairText(h.kernel, w.kernel)}`];
  if (stride !== '1') args.push(`stride: ${stride}`);
  if (h.pad !== 0 || w.pad !== 0) args.push(`pad: ${pairText(h.pad, w.pad)}`);
  const projection = `conv(${args.join(', ')})`;
  // A condition only where names make the projection depend on the call; a literal stride > 1 always applies.
  const symbolic = (plain && names.stride !== undefined) || names.channels !== undefined;
  const alwaysNeeded = !plain || (names.stride === undefined && h.stride > 1);
  if (!symbolic || alwaysNeeded) return `shortcut { ${projection} }`;
  const when = [...(plain && names.stride ? [`${names.stride} != 1`] : []), `in.channels != ${channels}`];
  return `shortcut if ${when.join(' or ')} { ${projection} }`;
}
