// Inlay hints: at the end of each line that ends a layer or block call, the shape that line outputs.
import type { CallStmt } from '../../grammar/ast.js';
import { layerRegistry } from '../ops/registry.js';
import { type HoverContext, firstFound, shapesText } from './hover.js';
import { shapeText } from './signature.js';
import { callsOf } from './position.js';
import type { InlayHint } from './types.js';

/**
 * One hint per line, from its last call (`conv(6, kernel: 5); sigmoid` shows sigmoid's output). A line inside a
 * block that runs several times shows each distinct shape with how often (`[64, 24, 24] ×4`).
 */
export function inlayHints(ctx: HoverContext): InlayHint[] {
  const ast = ctx.ws.ast(ctx.path);
  if (!ast) return [];
  const lastOnLine = new Map<number, CallStmt>();
  for (const def of ast.definitions) {
    for (const call of callsOf(def)) {
      const line = ctx.lines.lineIndexOf(call.span.end);
      const seen = lastOnLine.get(line);
      if (!seen || seen.span.start < call.span.start) lastOnLine.set(line, call);
    }
  }
  const hints: InlayHint[] = [];
  for (const [line, call] of [...lastOnLine].sort((a, b) => a[0] - b[0])) {
    const at = call.nameSpan.start;
    const shapes = layerRegistry.has(call.name)
      ? firstFound(ctx, (a) => a.layersAt(ctx.path, at, ctx.lines)).map((s) => s.node.shape)
      : firstFound(ctx, (a) => a.blocksAt(ctx.path, at, ctx.lines)).map((r) => r.shape);
    if (shapes.length === 0) continue;
    let end = ctx.lines.lineEnd(line);
    // Before a trailing comment, so the shape does not read as part of it.
    for (let i = call.span.end; i < end; i++) {
      if (ctx.lines.text.charCodeAt(i) === 35) {
        end = i;
        break;
      }
    }
    while (end > 0 && /\s/.test(ctx.lines.text[end - 1])) end--;
    hints.push({ offset: end, label: label(shapes) });
  }
  return hints;
}

/**
 * shapesText's label, sooner: a file has a hint per layer line, and an incremental re-check hands back the
 * same shape arrays for the calls it reused, so each array's text is kept (the IR is never mutated).
 */
function label(shapes: number[][]): string {
  if (shapes.length === 1) return textOf(shapes[0]);
  const first = textOf(shapes[0]);
  if (shapes.every((s) => textOf(s) === first)) return `${first} ×${shapes.length}`;
  return shapesText(shapes);
}

const shapeTexts = new WeakMap<number[], string>();
function textOf(shape: number[]): string {
  let text = shapeTexts.get(shape);
  if (text === undefined) shapeTexts.set(shape, (text = shapeText(shape)));
  return text;
}

/**
 * While the line being typed does not parse, the last good hints stay where their text is unchanged: those
 * before the edit keep their offsets, those after it move with the text, those inside it go (no flicker per key).
 */
export function carryHints(oldText: string, hints: InlayHint[], newText: string): InlayHint[] {
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const delta = newText.length - oldText.length;
  return hints.flatMap((h) => (h.offset <= prefix ? [h] : h.offset >= oldText.length - suffix ? [{ ...h, offset: h.offset + delta }] : []));
}
