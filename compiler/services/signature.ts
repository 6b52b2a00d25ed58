// How definitions and layers read in hovers and completion details: signatures, doc comments, attributes, numbers.
import type { Definition } from '../../grammar/ast.js';
import type { AttrSpec, AttrValue, OpSpec } from '../ops/op_spec.js';

/** `block basic(channels, stride = 1)`, defaults as written in `text` (the defining file's text). */
export function definitionSignature(def: Definition, text: string | undefined): string {
  const written = (ps: Definition['params']) => ps.map((p) => (p.default && text ? `${p.name} = ${text.slice(p.default.span.start, p.default.span.end)}` : p.name));
  const params = written(def.params);
  const baseArgs = def.extends && def.extends.args.length > 0 ? `(${written(def.extends.args).join(', ')})` : '';
  const base = def.extends ? ` extends ${def.extends.name}${baseArgs}` : '';
  return `${def.kind} ${def.name}${params.length || def.kind === 'block' ? `(${params.join(', ')})` : ''}${base}`;
}

/**
 * The `#` comment lines right above a definition (no blank line between), without their `#`: the grammar skips
 * comments, so they are read from the text.
 */
export function docComment(text: string | undefined, start: number): string | undefined {
  if (!text) return undefined;
  const lines = text.slice(0, start).split(/\r\n|\n|\r/);
  lines.pop(); // the definition's own line, up to its keyword
  const doc: string[] = [];
  while (lines.length > 0 && /^\s*#/.test(lines[lines.length - 1])) doc.unshift(lines.pop()!.replace(/^\s*#\s?/, ''));
  return doc.length > 0 ? doc.join('\n') : undefined;
}

const defaultText = (a: AttrSpec) => (a.default === undefined ? '' : typeof a.default === 'function' ? ' = …' : ` = ${valueText(a.default)}`);

/** `conv(channels, kernel, stride = 1, pad = 0, …)`: a layer's arguments, positional ones first. */
export function layerSignature(op: OpSpec): string {
  return `${op.name}(${op.attrs.map((a) => a.name + defaultText(a)).join(', ')})`;
}

/** `int2 = 1 — step between windows` */
export function attrDetail(a: AttrSpec): string {
  const type = a.type === 'choice' && a.choices ? a.choices.map((c) => `"${c}"`).join(' | ') : a.type;
  return `${type}${defaultText(a)}`;
}

export function valueText(v: AttrValue | unknown): string {
  if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

export const shapeText = (shape: number[]): string => `[${shape.join(', ')}]`;

export const count = (n: number): string => n.toLocaleString('en-US');
