// Compile-time values and their lexical environments.
import type { Shape } from './ops/op_spec.js';

/** The shape arriving at a block or structure, seen through `in`. */
export interface ShapeValue {
  kind: 'shape';
  dims: Shape;
}

export type Value = number | boolean | string | Value[] | ShapeValue;

export const isShapeValue = (v: Value): v is ShapeValue => typeof v === 'object' && !Array.isArray(v);

export function describeValue(v: Value): string {
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'string') return `the string "${v}"`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return `the shape [${v.dims.join(', ')}]`;
}

export function formatValue(v: Value): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (typeof v === 'object') return `[${v.dims.join(', ')}]`;
  return String(v);
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return valuesEqual(a.dims, b.dims);
  return a === b;
}

/** A lexical scope of names: block/network parameters, `let`s and repeat variables. */
export class Env {
  private readonly vars = new Map<string, Value>();

  constructor(private readonly parent?: Env) {}

  define(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  child(): Env {
    return new Env(this);
  }
}
