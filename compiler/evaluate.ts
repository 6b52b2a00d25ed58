// Evaluates compile-time expressions; errors become diagnostics and the result `undefined` (no cascades).
import type { Expr, Span } from '../grammar/ast.js';
import type { DiagnosticCode } from './diagnostic_messages.js';
import { type Env, type Value, describeValue, isShapeValue, valuesEqual } from './values.js';
import type { Shape } from './ops/op_spec.js';
import { functions } from './functions.js';
import { defaultLimits } from './limits.js';

export interface EvalContext {
  env: Env;
  /** The shape `in` refers to; undefined before the network's input. */
  inShape?: Shape;
  report(code: DiagnosticCode, span: Span, args?: Record<string, string | number>): void;
  /** Bounds on the lists evaluation builds, shared by every evaluation of one expansion (default: a fresh one). */
  lists?: ListBudget;
}

/** How long one list may be, and how many list items may still be built in all (NET4905, NET4906). */
export interface ListBudget {
  maxLength: number;
  maxItems: number;
  used: number;
}

export const listBudget = (maxLength: number, maxItems: number): ListBudget => ({ maxLength, maxItems, used: 0 });

/** Charges a list of `length` items before it is built; false (reported) if it is too long or the budget is spent. */
function allocate(length: number, span: Span, ctx: EvalContext): boolean {
  ctx.lists ??= listBudget(defaultLimits.maxListLength, defaultLimits.maxValueItems);
  const budget = ctx.lists;
  if (length > budget.maxLength) {
    ctx.report('NET4905', span, { what: 'this list', limit: budget.maxLength });
    return false;
  }
  if (budget.used + length > budget.maxItems) {
    budget.used = budget.maxItems + 1; // spent: every later list fails at once, so the work stays bounded
    ctx.report('NET4906', span, { limit: budget.maxItems });
    return false;
  }
  budget.used += length;
  return true;
}

const shapeProperties: Record<string, (dims: Shape) => number | undefined> = {
  channels: (d) => d[0],
  height: (d) => (d.length === 3 ? d[1] : undefined),
  width: (d) => (d.length === 3 ? d[2] : undefined),
  features: (d) => (d.length === 1 ? d[0] : undefined),
};
export const shapePropertyNames = Object.keys(shapeProperties);

export function evaluate(expr: Expr, ctx: EvalContext): Value | undefined {
  switch (expr.kind) {
    case 'number':
    case 'bool':
    case 'string':
      return expr.value;
    case 'name': {
      const value = ctx.env.lookup(expr.name);
      if (value === undefined) ctx.report('NET2004', expr.span, { name: expr.name });
      return value;
    }
    case 'inShape':
      if (ctx.inShape) return { kind: 'shape', dims: ctx.inShape };
      ctx.report('NET3013', expr.span, { name: 'shape', shape: '(none: no input has arrived yet)' });
      return undefined;
    case 'member':
      return member(expr, ctx);
    case 'index':
      return index(expr, ctx);
    case 'list': {
      if (!allocate(expr.items.length, expr.span, ctx)) return undefined;
      const items = expr.items.map((item) => evaluate(item, ctx));
      return items.every((v) => v !== undefined) ? (items as Value[]) : undefined;
    }
    case 'unary': {
      const operand = evaluate(expr.operand, ctx);
      if (operand === undefined) return undefined;
      if (expr.op === 'not' && typeof operand === 'boolean') return !operand;
      if (expr.op === '-' && typeof operand === 'number') return -operand;
      ctx.report('NET4006', expr.span, { op: expr.op, left: describeValue(operand) });
      return undefined;
    }
    case 'binary':
      return binary(expr, ctx);
    case 'conditional': {
      const condition = evaluate(expr.condition, ctx);
      if (condition === undefined) return undefined;
      if (typeof condition !== 'boolean') {
        ctx.report('NET4001', expr.condition.span, { what: 'an if condition', expected: 'true or false', got: describeValue(condition), hint: "compare first, e.g. 'if n > 1 then … else …'" });
        return undefined;
      }
      // Only the chosen side is evaluated, so `if n > 0 then 64 // n else 64` never divides by zero.
      return evaluate(condition ? expr.then : expr.else, ctx);
    }
    case 'functionCall':
      return callFunction(expr, ctx);
  }
}

function callFunction(expr: Expr & { kind: 'functionCall' }, ctx: EvalContext): Value | undefined {
  const fn = functions.get(expr.name);
  if (!fn) {
    // resolve reports unknown functions before expansion; this keeps evaluate total on its own.
    ctx.report('NET2018', expr.nameSpan, { name: expr.name, known: [...functions.keys()].join(', ') });
    return undefined;
  }
  const args = expr.args.map((a) => evaluate(a, ctx));
  if (!args.every((v) => v !== undefined)) return undefined;
  const result = fn.apply(args as Value[]);
  if ('value' in result) return result.value;
  const at = result.error.argument !== undefined ? expr.args[result.error.argument].span : expr.args.length === 1 ? expr.args[0].span : expr.span;
  ctx.report('NET4020', at, { name: fn.name, expected: result.error.expected, got: result.error.got, usage: fn.usage, doc: fn.doc });
  return undefined;
}

function member(expr: Expr & { kind: 'member' }, ctx: EvalContext): Value | undefined {
  const object = evaluate(expr.object, ctx);
  if (object === undefined) return undefined;
  const property = shapeProperties[expr.property];
  if (!isShapeValue(object) || !property) {
    ctx.report('NET4006', expr.span, { op: `.${expr.property}`, left: describeValue(object) });
    return undefined;
  }
  const value = property(object.dims);
  if (value === undefined) ctx.report('NET3013', expr.span, { name: expr.property, shape: `[${object.dims.join(', ')}]` });
  return value;
}

function index(expr: Expr & { kind: 'index' }, ctx: EvalContext): Value | undefined {
  const object = evaluate(expr.object, ctx);
  const i = evaluate(expr.index, ctx);
  if (object === undefined || i === undefined) return undefined;
  if (!Array.isArray(object) || typeof i !== 'number') {
    ctx.report('NET4006', expr.span, { op: '[]', left: describeValue(object), right: describeValue(i) });
    return undefined;
  }
  if (!Number.isInteger(i)) {
    ctx.report('NET4005', expr.index.span, { what: 'a list index', got: String(i) });
    return undefined;
  }
  const at = i < 0 ? object.length + i : i;
  if (at < 0 || at >= object.length) {
    ctx.report('NET4004', expr.index.span, { index: i, length: object.length });
    return undefined;
  }
  return object[at];
}

function binary(expr: Expr & { kind: 'binary' }, ctx: EvalContext): Value | undefined {
  const left = evaluate(expr.left, ctx);
  if (left === undefined) return undefined;
  // and/or short-circuit, so `stride != 1 or in.channels != c` never evaluates what it need not.
  if (expr.op === 'and' || expr.op === 'or') {
    if (typeof left !== 'boolean') return typeError(expr, ctx, left);
    if (expr.op === 'and' ? !left : left) return left;
    const right = evaluate(expr.right, ctx);
    if (right === undefined) return undefined;
    return typeof right === 'boolean' ? right : typeError(expr, ctx, left, right);
  }
  const right = evaluate(expr.right, ctx);
  if (right === undefined) return undefined;
  if (expr.op === '==') return valuesEqual(left, right);
  if (expr.op === '!=') return !valuesEqual(left, right);
  if (expr.op === '+' && Array.isArray(left) && Array.isArray(right)) return allocate(left.length + right.length, expr.span, ctx) ? [...left, ...right] : undefined;
  if (typeof left !== 'number' || typeof right !== 'number') return typeError(expr, ctx, left, right);
  let result: number | boolean;
  switch (expr.op) {
    case '+': result = left + right; break;
    case '-': result = left - right; break;
    case '*': result = left * right; break;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    case '/':
    case '//':
    case '%':
      if (right === 0) {
        ctx.report('NET4003', expr.span);
        return undefined;
      }
      // Python's semantics: // rounds down, % takes the divisor's sign.
      result = expr.op === '/' ? left / right : expr.op === '//' ? Math.floor(left / right) : ((left % right) + right) % right;
      break;
  }
  if (!Number.isFinite(result)) {
    ctx.report('NET4002', expr.span, { what: 'the result', range: 'a finite number', got: String(result) });
    return undefined;
  }
  return result;
}

function typeError(expr: Expr & { kind: 'binary' }, ctx: EvalContext, left: Value, right?: Value): undefined {
  ctx.report('NET4006', expr.span, { op: expr.op, left: describeValue(left), ...(right !== undefined ? { right: describeValue(right) } : {}) });
  return undefined;
}
