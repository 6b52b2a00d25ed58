// The built-in functions of expressions (min, max, round, ceil, floor): each one entry, its arity and its rule.
import { type Value, describeValue } from './values.js';

/** What a function returns: a value, or why its arguments do not fit (reported as NET4020). */
export type FunctionResult = { value: Value } | { error: { expected: string; got: string; argument?: number } };

export interface FunctionSpec {
  name: string;
  /** How it is called, for messages and docs: `min(a, b, …)` or `min(list)`. */
  usage: string;
  doc: string;
  minArgs: number;
  maxArgs: number;
  apply(args: Value[]): FunctionResult;
}

/** Python 3's round(): to the nearest integer, ties to the even one (round(2.5) is 2, round(3.5) is 4). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact for every double (Sterbenz), so a tie is recognised exactly
  const rounded = fraction < 0.5 ? floor : fraction > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
  return rounded + 0; // no -0
}

function oneNumber(f: (x: number) => number): FunctionSpec['apply'] {
  return ([x]) => (typeof x === 'number' ? { value: f(x) + 0 } : { error: { expected: 'a number', got: describeValue(x) } });
}

/** min and max take two or more numbers, or one list of numbers (as Python's). */
function extreme(pick: (a: number, b: number) => number): FunctionSpec['apply'] {
  return (args) => {
    const fromList = args.length === 1;
    const items = fromList ? args[0] : args;
    if (!Array.isArray(items)) return { error: { expected: 'two or more numbers, or one list of numbers', got: describeValue(args[0]) } };
    if (items.length === 0) return { error: { expected: 'a non-empty list', got: 'an empty list' } };
    const bad = items.findIndex((v) => typeof v !== 'number');
    if (bad >= 0) {
      const what = fromList ? `item ${bad} of the list` : `argument ${bad + 1}`;
      return { error: { expected: fromList ? 'a list of numbers' : 'numbers (or one list of numbers)', got: `${describeValue(items[bad])} as ${what}`, ...(fromList ? {} : { argument: bad }) } };
    }
    return { value: (items as number[]).reduce(pick) };
  };
}

export const functions: ReadonlyMap<string, FunctionSpec> = new Map(
  (
    [
      { name: 'min', usage: 'min(a, b, …) or min(list)', doc: 'the smallest number', minArgs: 1, maxArgs: Infinity, apply: extreme((a, b) => (b < a ? b : a)) },
      { name: 'max', usage: 'max(a, b, …) or max(list)', doc: 'the largest number', minArgs: 1, maxArgs: Infinity, apply: extreme((a, b) => (b > a ? b : a)) },
      { name: 'round', usage: 'round(x)', doc: 'the nearest integer; halves go to the even one, as Python 3', minArgs: 1, maxArgs: 1, apply: oneNumber(roundHalfEven) },
      { name: 'ceil', usage: 'ceil(x)', doc: 'the smallest integer ≥ x', minArgs: 1, maxArgs: 1, apply: oneNumber(Math.ceil) },
      { name: 'floor', usage: 'floor(x)', doc: 'the largest integer ≤ x', minArgs: 1, maxArgs: 1, apply: oneNumber(Math.floor) },
    ] satisfies FunctionSpec[]
  ).map((f) => [f.name, f]),
);

/** `1 argument`, `at least 1 argument`. */
export function arityText(f: FunctionSpec): string {
  const n = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  return f.maxArgs === Infinity ? `at least ${n(f.minArgs)}` : f.minArgs === f.maxArgs ? n(f.minArgs) : `${f.minArgs} to ${n(f.maxArgs)}`;
}
