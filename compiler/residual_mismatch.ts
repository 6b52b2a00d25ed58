// NET3003 at its cause: the statement that made the body's shape, the shortcut's, and a fix that compiles.
import type { Expr, Span, Stmt } from '../grammar/ast.js';
import { type Shape, formatShape } from './ops/op_spec.js';
import { shortcutFix, windowFor, type FixNames } from './residual_fix.js';
import type { Env } from './values.js';

/** A statement of a body that changed the shape flowing through it. */
export interface ShapeChange {
  stmt: Stmt;
  before: Shape;
  after: Shape;
}

/** A body's output and its shape-changing statements, in order. */
export interface Traced {
  out: { node: string; shape: Shape };
  changes: ShapeChange[];
}

/** No `shortcut`, a shortcut whose condition was false, or one that was expanded. */
export type ShortcutKind = 'identity' | 'skipped' | 'projection';

const spatial = (s: Shape) => (s.length === 3 ? `${s[1]}×${s[2]}` : 'flat');
const callOf = (stmt: Stmt): Stmt => (stmt.kind === 'labeled' ? callOf(stmt.statement) : stmt);

/** The argument of a call statement that is a plain name holding `value` in `env` (visible to the shortcut). */
function nameArgument(stmt: Stmt | undefined, pick: (args: { name?: string; value: Expr }[]) => Expr | undefined, value: number, env: Env): string | undefined {
  const call = stmt && callOf(stmt);
  if (!call || call.kind !== 'call') return undefined;
  const expr = pick(call.args);
  return expr?.kind === 'name' && env.lookup(expr.name) === value ? expr.name : undefined;
}

export function residualMismatch(
  s: Stmt & { kind: 'residual' },
  input: Shape,
  body: Traced,
  shortcut: Traced,
  kind: ShortcutKind,
  env: Env,
): { span: Span; related: { message: string; span: Span }[]; hint: string; identity: number } {
  const bodyShape = body.out.shape;
  const maker = body.changes.at(-1);
  const spatialMaker = [...body.changes].reverse().find((c) => spatial(c.before) !== spatial(c.after));
  const channelMaker = [...body.changes].reverse().find((c) => c.before[0] !== c.after[0]);
  const shortcutMaker = shortcut.changes.at(-1);
  const related: { message: string; span: Span }[] = [];
  if (maker && spatialMaker && spatialMaker !== maker) related.push({ message: `the body's height×width becomes ${spatial(spatialMaker.after)} at`, span: spatialMaker.stmt.span });
  if (maker && shortcutMaker) related.push({ message: `the shortcut's shape ${formatShape(shortcut.out.shape)} is made at`, span: shortcutMaker.stmt.span });
  const span = maker?.stmt.span ?? shortcutMaker?.stmt.span ?? { start: s.span.start, end: s.span.start + 'residual'.length };

  // Inside a block, write the fix with the names the body's layers use, so it fits every call of the block.
  const stride = input.length === 3 && bodyShape.length === 3 ? windowFor(input[1], bodyShape[1]).stride : undefined;
  const names: FixNames = {
    channels: nameArgument(channelMaker?.stmt, (args) => args.find((a) => a.name === 'channels' || a.name === 'units')?.value ?? args.find((a) => !a.name)?.value, bodyShape[0], env),
    stride: stride === undefined ? undefined : nameArgument(spatialMaker?.stmt ?? maker?.stmt, (args) => args.find((a) => a.name === 'stride')?.value, stride, env),
  };
  const fix = shortcutFix(input, bodyShape, names);
  const uneven = input.length === 3 && bodyShape.length === 3 && [1, 2].find((i) => windowFor(input[i], bodyShape[i]).kernel !== 1 || windowFor(input[i], bodyShape[i]).pad !== 0);
  const why = fix && uneven ? ` (${input[uneven]} → ${bodyShape[uneven]} is not a whole ratio, so no 1×1 projection gives it)` : '';
  const hint = !fix
    ? "make the body keep its input shape, or give the residual a shortcut { … } that maps the input to the body's shape"
    : kind === 'identity'
      ? `add a projection shortcut after the body: '${fix}'${why}`
      : kind === 'skipped'
        ? `the shortcut's condition is false here, so the input itself is added; replace the shortcut with '${fix}'${why}`
        : `the shortcut must give ${formatShape(bodyShape)} from the input ${formatShape(input)}; replace it with '${fix}'${why}`;
  return { span, related, hint, identity: kind === 'projection' ? 0 : 1 };
}
