// Turns a layer call's evaluated arguments into typed attributes: defaults, int2 pairs, ranges.
import type { Span } from '../grammar/ast.js';
import type { DiagnosticCode } from './diagnostic_messages.js';
import type { AttrSpec, AttrValue, Attrs, OpSpec } from './ops/op_spec.js';
import { type Value, describeValue } from './values.js';

export interface EvaluatedArg {
  name?: string;
  value: Value;
  span: Span;
}

type Report = (code: DiagnosticCode, span: Span, args: Record<string, string | number>) => void;

function convert(spec: AttrSpec, value: Value, what: string, span: Span, report: Report): AttrValue | undefined {
  const isInt = (v: Value): v is number => typeof v === 'number' && Number.isInteger(v);
  switch (spec.type) {
    case 'bool':
      if (typeof value === 'boolean') return value;
      break;
    case 'float':
      if (typeof value === 'number') return value;
      break;
    case 'int':
      if (isInt(value)) return value;
      if (typeof value === 'number') {
        report('NET4005', span, { what, got: String(value) });
        return undefined;
      }
      break;
    case 'choice':
      if (typeof value === 'string' && spec.choices!.includes(value)) return value;
      if (typeof value === 'string') {
        report('NET4008', span, { what, choices: spec.choices!.map((c) => `"${c}"`).join(', '), got: value });
        return undefined;
      }
      break;
    case 'int2':
      if (isInt(value)) return [value, value];
      if (Array.isArray(value) && value.length === 2 && value.every(isInt)) return value as number[];
      if (typeof value === 'number') {
        report('NET4005', span, { what, got: String(value) });
        return undefined;
      }
      report('NET4001', span, { what, expected: 'an integer or a list [height, width] of two integers', got: describeValue(value) });
      return undefined;
  }
  const expected = { bool: 'true or false', float: 'a number', int: 'an integer', int2: '', choice: `one of ${spec.choices?.map((c) => `"${c}"`).join(', ')}` }[spec.type];
  report('NET4001', span, { what, expected, got: describeValue(value) });
  return undefined;
}

function inRange(spec: AttrSpec, value: AttrValue, what: string, span: Span, report: Report): boolean {
  const numbers = typeof value === 'number' ? [value] : Array.isArray(value) ? value : [];
  for (const n of numbers) {
    const low = spec.min !== undefined && n < spec.min;
    const high = spec.below !== undefined && n >= spec.below;
    if (low || high) {
      const range = spec.below !== undefined ? `in [${spec.min ?? '-∞'}, ${spec.below})` : `at least ${spec.min}`;
      report('NET4002', span, { what, range, got: String(n) });
      return false;
    }
  }
  return true;
}

/** Binds arguments (already checked for names and counts by resolve) to an op's attributes. */
export function bindArgs(op: OpSpec, args: EvaluatedArg[], report: Report): { attrs: Attrs; spans: Record<string, Span> } | undefined {
  const given = new Map<string, EvaluatedArg>();
  args.forEach((a, i) => given.set(a.name ?? op.attrs[i]?.name ?? '', a));
  const attrs: Attrs = {};
  const spans: Record<string, Span> = {};
  let ok = true;
  for (const spec of op.attrs) {
    const arg = given.get(spec.name);
    if (!arg) {
      if (spec.default === undefined) return undefined; // reported by resolve (NET2014)
      const value = typeof spec.default === 'function' ? spec.default(attrs) : spec.default;
      attrs[spec.name] = spec.type === 'int2' && typeof value === 'number' ? [value, value] : value;
      continue;
    }
    const what = `${op.name} ${spec.name}`;
    const value = convert(spec, arg.value, what, arg.span, report);
    if (value === undefined || !inRange(spec, value, what, arg.span, report)) {
      ok = false;
      continue;
    }
    attrs[spec.name] = value;
    spans[spec.name] = arg.span;
  }
  return ok ? { attrs, spans } : undefined;
}
